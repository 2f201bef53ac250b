/**
 * One lazy chunk for the two pieces that open on demand: the fault menu (a click on a unit) and the help overlay
 * (?). One chunk, not two: one request, warmed by the first hover of the main column (App.tsx).
 */
export { FaultMenu } from '../components/FaultMenu/FaultMenu.tsx';
export { HelpOverlay } from '../components/HelpOverlay/HelpOverlay.tsx';
