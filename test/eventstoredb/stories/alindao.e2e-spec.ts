import * as path from 'node:path';
import { runStoryOnEachDeployment } from '../support/story-on-each-deployment';

runStoryOnEachDeployment(path.resolve(__dirname, '../../stories/alindao.e2e-spec'));
