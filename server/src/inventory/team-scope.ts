import type { Db, Tx } from '@qiaodu/db';
import { AppError } from '../http/app-error';
import { findTeam, findTeamSku, type TeamRow } from './stock-repository';

/**
 * The policy has let the caller in for this team id; admins pass for any id, so the team
 * itself may still not exist.
 */
export async function requireTeam(db: Db | Tx, teamId: number): Promise<TeamRow> {
  const team = await findTeam(db, teamId);
  if (!team) throw new AppError('TEAM_NOT_FOUND');
  return team;
}

/**
 * A SKU of another team answers exactly like one that does not exist. Scoped by the team, so
 * writes that start here need no separate team lookup: a missing team has no SKUs either.
 */
export async function requireTeamSku(db: Db | Tx, teamId: number, skuId: number) {
  const sku = await findTeamSku(db, teamId, skuId);
  if (!sku) throw new AppError('SKU_NOT_FOUND');
  return sku;
}
