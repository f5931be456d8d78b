/** Panel id of the dose section's own tab; the mode lists it in rightPanels (kept apart so the mode bundle stays free of React). */
import { EXTENSION_ID } from '../ids';

export const DOSE_PANEL_NAME = 'dose';
export const DOSE_PANEL_ID = `${EXTENSION_ID}.panelModule.${DOSE_PANEL_NAME}`;
