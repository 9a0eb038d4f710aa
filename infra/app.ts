import { createPipelineApp } from './pipeline-app.ts';
import { withoutBundlingMessages } from './without-bundling-messages.ts';

withoutBundlingMessages(() => createPipelineApp().app.synth());
