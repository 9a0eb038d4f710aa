// Wiring only: each view lives in its own module around state.ts.
import { loadDetail, renderDetail } from './detail-view.ts';
import { render, renewSession, resumeSession, signOut } from './sign-in.ts';
import { wiring } from './state.ts';

wiring.signOut = signOut;
wiring.renewSession = renewSession;
wiring.loadDetail = loadDetail;
wiring.renderDetail = () => renderDetail(false);

render();
void resumeSession();
