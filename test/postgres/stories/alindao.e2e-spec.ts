import * as path from 'node:path';
import { runStoryOnSqliteAndPostgres } from '../support/story-on-postgres';

runStoryOnSqliteAndPostgres(path.resolve(__dirname, '../../stories/alindao.e2e-spec'));
