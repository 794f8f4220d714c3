import * as path from 'node:path';
import { runStoryOnEachDeployment } from '../support/story-on-each-deployment';

runStoryOnEachDeployment(path.resolve(__dirname, '../../stories/gabon.e2e-spec'));
