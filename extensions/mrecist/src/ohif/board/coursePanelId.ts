/** Panel id of the Course tab (tumour board view); the mode lists it in rightPanels (kept apart so the mode bundle stays free of React). */
import { EXTENSION_ID } from '../ids';

export const COURSE_PANEL_NAME = 'course';
export const COURSE_PANEL_ID = `${EXTENSION_ID}.panelModule.${COURSE_PANEL_NAME}`;
