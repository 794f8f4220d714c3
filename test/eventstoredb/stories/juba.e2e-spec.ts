import * as path from 'node:path';
import { runStoryOnBothStores } from '../support/story-on-both-stores';

runStoryOnBothStores(path.resolve(__dirname, '../../stories/juba.e2e-spec'));
