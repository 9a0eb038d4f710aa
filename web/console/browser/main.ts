// Wiring only: each view lives in its own module around state.ts.
import { loadDetail } from './detail-view.ts';
import { render, signIn, signOut } from './sign-in.ts';
import { state, wiring } from './state.ts';

wiring.signOut = signOut;
wiring.loadDetail = loadDetail;

render();
if (state.token) signIn(state.token);
