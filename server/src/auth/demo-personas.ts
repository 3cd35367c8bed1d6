import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { schema, type Db } from '@qiaodu/db';
import { POST_LABELS, ROLES, type DemoPersona, type Post, type Role } from '@qiaodu/shared';
import { AppError } from '../http/app-error';

const { partners, users } = schema;

/** The role a persona card is filed under: the most senior one the person holds. */
function leadingRole(roles: readonly Role[]): Role {
  return [...ROLES].reverse().find((role) => roles.includes(role)) ?? 'customer';
}

interface PersonaRow {
  id: number;
  persona: string | null;
  name: string;
  roles: Role[];
  partnerName: string | null;
  teams: [name: string, post: Post | null, isLead: boolean | null][];
}

function titleOf(row: PersonaRow): string {
  const role = leadingRole(row.roles);
  if (role === 'admin') return '商城管理员：合作伙伴、团队与人员';
  if (role === 'mentor') return `${row.partnerName ?? '合作企业'} · 企业导师`;
  if (role === 'teacher') return `指导：${row.teams.map(([name]) => name).join('、') || '暂无团队'}`;
  if (role === 'student') {
    return row.teams.map(([name, post, isLead]) => `${name} · ${post ? POST_LABELS[post] : ''}${isLead ? '（组长）' : ''}`).join('；');
  }
  return '顾客：逛商城、管理收货地址';
}

/** Seeded people anyone may log in as while the shop runs without WeChat (demo mode only). */
export function createDemoPersonas(db: Db) {
  async function rows(): Promise<PersonaRow[]> {
    const found = await db
      .select({
        id: users.id,
        persona: users.persona,
        name: users.displayName,
        roles: users.roles,
        partnerName: partners.name,
        teams: sql`coalesce((
          select json_agg(json_build_array(t.name, m.post, m.is_lead) order by t.id)
          from teams t
          left join team_members m on m.team_id = t.id and m.user_id = ${users.id}
          left join team_supervisors s on s.team_id = t.id and s.user_id = ${users.id}
          where m.user_id is not null or s.user_id is not null
        ), '[]'::json)`,
      })
      .from(users)
      .leftJoin(partners, eq(partners.id, users.partnerId))
      .where(and(isNotNull(users.persona), eq(users.status, 'active')))
      .orderBy(asc(users.id));
    return found.map((row) => ({
      ...row,
      teams: (typeof row.teams === 'string' ? JSON.parse(row.teams) : row.teams) as PersonaRow['teams'],
    }));
  }

  return {
    async list(): Promise<DemoPersona[]> {
      return (await rows()).map((row) => ({
        persona: row.persona ?? '',
        name: row.name,
        role: leadingRole(row.roles),
        title: titleOf(row),
      }));
    },

    async userIdOf(persona: string): Promise<number> {
      const [row] = await db.select({ id: users.id }).from(users).where(eq(users.persona, persona));
      if (!row) throw new AppError('PERSONA_NOT_FOUND');
      return row.id;
    },
  };
}
