export const DAY = 86_400_000;
export const inDays = (days: number) => new Date(Date.now() + days * DAY);
export const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
