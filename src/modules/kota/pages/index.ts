/**
 * The kota pages (server-rendered, Bahasa Indonesia by default), one file per screen: city
 * settings, accounts and roles, the audit log. Forms post back, re-render with errors next to
 * their fields, and redirect after a successful change. Temporary passwords are rendered once,
 * in the response to the action that made them.
 */
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { settingsPage } from './settings.ts';
import { usersListPage } from './users-list.ts';
import { userFormPage } from './user-form.ts';
import { userDetailPage } from './user-detail.ts';
import { userActionsPage } from './user-actions.ts';
import { auditListPage } from './audit-list.ts';

/** Registers every kota screen. */
export function kotaPages(app: BalaiApp, ctx: ModuleContext): void {
  settingsPage(app, ctx);
  usersListPage(app);
  userFormPage(app, ctx);
  userDetailPage(app, ctx);
  userActionsPage(app, ctx);
  auditListPage(app);
}
