/**
 * @tsnets/dashboard: a live page of a training run (`serveDashboard`), and
 * the same page as a static report of a saved model (`reportHtml`).
 */
export { serveDashboard, type Dashboard, type DashboardOptions } from './server';
export { reportHtml } from './report';
export { hiddenActivity, NEAR_ZERO } from './activity';
export { featureTiles, type FeatureTiles } from './features';
export type { DashboardState } from './state';
export { dashboardMessages } from './messages';
