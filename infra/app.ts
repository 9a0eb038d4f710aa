import { createPipelineApp } from './pipeline-app.ts';

createPipelineApp().app.synth();
