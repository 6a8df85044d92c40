/** Rows listed per popup group; the rest are counted and left to the dashboard (a court-wide group can hold thousands). */
export const POPUP_GROUP_ROWS = 100;
