import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { MEMBER_ROLES, type Author, type Incident, type Member, type MemberRole } from '../api/types';
import { formProblem } from '../common/formProblem';
import { FormProblemMessage } from '../common/TextField';
import { useFormSubmit } from '../common/useFormSubmit';
import { MentionListbox, useUserSuggestions } from '../forums/MentionSuggestions';
import { countryName } from '../profile/countries';
import { useSession } from '../shell/SessionContext';

const ADD_FIELDS = ['username', 'role'] as const;

export function roleText(role: string): string {
  return role.charAt(0) + role.slice(1).toLowerCase();
}

/** The name typed for "Add member", without a leading @. */
function usernameQuery(text: string): string | null {
  const name = text.trim().replace(/^@/, '');
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name) ? name : null;
}

function AddMember({ incident, onAdded }: { incident: Incident; onAdded: () => void }) {
  const { api } = useSession();
  const id = useId();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<MemberRole>('RESPONDER');
  const [focused, setFocused] = useState(false);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const { problem, busy, submit } = useFormSubmit(ADD_FIELDS);
  const query = usernameQuery(username);
  const suggestions = useUserSuggestions(api, focused && query !== null && query !== dismissed ? query : null);
  const users = suggestions && suggestions.query === query && query !== dismissed ? suggestions.users.filter((u) => u.username !== query || suggestions.users.length > 1) : [];
  const open = focused && users.length > 0;
  const current = Math.min(active, Math.max(0, users.length - 1));

  const choose = (user: Author) => {
    setUsername(user.username);
    setDismissed(user.username);
  };

  const add = (event?: FormEvent) => {
    event?.preventDefault();
    void submit(
      () => (query === null ? { username: 'Type a username, e.g. bashir.' } : null),
      async () => {
        await api.addMember(incident.id, { username: query!, role });
        setUsername('');
        onAdded();
      },
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + users.length) % users.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      if (users[current]) {
        event.preventDefault();
        choose(users[current]);
      }
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setDismissed(query);
    }
  };

  const listboxId = `${id}-users`;
  return (
    <form className="add-member" onSubmit={add} aria-label="Add a member" data-testid="add-member">
      <div className="add-member__row">
        <div className="field add-member__name">
          <label htmlFor={`${id}-username`}>Add by username</label>
          <input
            id={`${id}-username`}
            className="input"
            value={username}
            placeholder="@username"
            autoComplete="off"
            spellCheck={false}
            role="combobox"
            aria-expanded={open}
            aria-autocomplete="list"
            aria-controls={open ? listboxId : undefined}
            aria-activedescendant={open ? `${id}-user-${current}` : undefined}
            aria-invalid={problem.fields.username ? true : undefined}
            aria-describedby={problem.fields.username ? `${id}-username-error` : undefined}
            onChange={(e) => {
              setUsername(e.currentTarget.value);
              setActive(0);
            }}
            onFocus={() => setFocused(true)}
            onBlur={() => setFocused(false)}
            onKeyDown={onKeyDown}
            data-testid="add-member-username"
          />
          {open && (
            <MentionListbox id={listboxId} users={users} active={current} optionId={(i) => `${id}-user-${i}`} onChoose={choose} onHover={setActive} />
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>Role</label>
          <select
            id={`${id}-role`}
            className="input"
            value={role}
            onChange={(e) => setRole(MEMBER_ROLES.find((r) => r === e.currentTarget.value) ?? 'RESPONDER')}
            data-testid="add-member-role"
          >
            {MEMBER_ROLES.map((r) => (
              <option key={r} value={r}>
                {roleText(r)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary" disabled={busy} data-testid="add-member-submit">
          {busy ? 'Adding…' : 'Add'}
        </button>
      </div>
      {problem.fields.username && (
        <p id={`${id}-username-error`} className="field__error" data-testid="add-member-error">
          {query ? `@${query}: ${problem.fields.username}` : problem.fields.username}
        </p>
      )}
      {problem.fields.role && <p className="field__error">{problem.fields.role}</p>}
      <FormProblemMessage message={problem.general} />
    </form>
  );
}

function MemberRow({ member, incident, online, onChanged }: { member: Member; incident: Incident; online: boolean; onChanged: () => void }) {
  const { api, me } = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const self = member.user.id === me.id;
  const manage = incident.canManage && incident.status !== 'CLOSED';

  const run = async (write: () => Promise<unknown>, leaving = false) => {
    setBusy(true);
    setProblem(null);
    try {
      await write();
      // Whoever leaves a members-only room can no longer read it: back to the list.
      if (leaving && incident.access === 'MEMBERS') {
        navigate('/incidents');
        return;
      }
      onChanged();
    } catch (error) {
      setProblem(formProblem(error, []).general);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="member" data-testid="member" data-username={member.user.username}>
      <span className={`presence-dot${online ? ' presence-dot--online' : ''}`} aria-hidden="true" />
      <span className="member__who">
        <span className="member__name">
          {member.user.displayName}
          {self && <span className="muted"> (you)</span>}
        </span>
        <span className="member__detail">
          @{member.user.username} · <abbr title={countryName(member.user.country) ?? member.user.country}>{member.user.country}</abbr>
          <span className="visually-hidden">{online ? ', online' : ', offline'}</span>
        </span>
      </span>
      <span className="member__controls">
        {manage ? (
          <select
            className="input member__role"
            value={member.role}
            disabled={busy}
            aria-label={`Role of ${member.user.displayName}`}
            onChange={(e) => {
              const role = MEMBER_ROLES.find((r) => r === e.currentTarget.value);
              if (role) void run(() => api.addMember(incident.id, { username: member.user.username, role }));
            }}
            data-testid="member-role"
          >
            {MEMBER_ROLES.map((r) => (
              <option key={r} value={r}>
                {roleText(r)}
              </option>
            ))}
          </select>
        ) : (
          <span className="badge badge--role" data-testid="member-role-text">
            {roleText(member.role)}
          </span>
        )}
        {(manage || (self && incident.status !== 'CLOSED')) && (
          <button
            type="button"
            className="link-button link-button--danger member__remove"
            disabled={busy}
            aria-label={self ? 'Leave the incident' : `Remove ${member.user.displayName}`}
            onClick={() => void run(() => api.removeMember(incident.id, member.user.id), self)}
            data-testid="member-remove"
          >
            {self ? 'Leave' : 'Remove'}
          </button>
        )}
      </span>
      {problem && (
        <p className="form-problem member__problem" role="alert" data-testid="member-problem">
          {problem}
        </p>
      )}
    </li>
  );
}

export interface MembersPanelProps {
  incident: Incident;
  members: readonly Member[] | null;
  /** Who has the room open, from the socket; null until it has said. */
  online: readonly Author[] | null;
  onChanged: () => void;
  onJoin: () => Promise<void>;
}

/** The people of an incident, who of them is online, and (for commanders) adding and removing. */
export function MembersPanel({ incident, members, online, onChanged, onJoin }: MembersPanelProps) {
  const [joining, setJoining] = useState(false);
  const [joinProblem, setJoinProblem] = useState<string | null>(null);
  const onlineIds = new Set((online ?? []).map((p) => p.id));
  const isOnline = (m: Member) => (online === null ? m.online === true : onlineIds.has(m.user.id));
  const sorted = [...(members ?? [])].sort(
    (a, b) => Number(isOnline(b)) - Number(isOnline(a)) || MEMBER_ROLES.indexOf(a.role) - MEMBER_ROLES.indexOf(b.role) || a.user.displayName.localeCompare(b.user.displayName),
  );
  const onlineCount = members ? members.filter(isOnline).length : 0;

  return (
    <section className="members" aria-labelledby="members-heading" data-testid="members-panel">
      <h2 id="members-heading" className="members__heading">
        Members <span className="members__count">{members ? members.length : incident.memberCount}</span>
      </h2>
      <p className="members__online" data-testid="members-online">
        {onlineCount === 0 ? 'Nobody else is here right now.' : `${onlineCount} online now`}
      </p>
      {incident.myRole === null && incident.access === 'CLEARED' && incident.status !== 'CLOSED' && (
        <div className="members__join">
          <p>You can read this incident because you are cleared for it. Join to post and be notified.</p>
          <button
            type="button"
            className="button button--primary button--small"
            disabled={joining}
            onClick={() => {
              setJoining(true);
              setJoinProblem(null);
              onJoin()
                .catch((error: unknown) => setJoinProblem(formProblem(error, []).general))
                .finally(() => setJoining(false));
            }}
            data-testid="join-incident"
          >
            {joining ? 'Joining…' : 'Join as responder'}
          </button>
          <FormProblemMessage message={joinProblem} />
        </div>
      )}
      {members === null ? (
        <p className="muted">Loading members…</p>
      ) : (
        <ul className="member-list" data-testid="member-list">
          {sorted.map((member) => (
            <MemberRow key={member.user.id} member={member} incident={incident} online={isOnline(member)} onChanged={onChanged} />
          ))}
        </ul>
      )}
      {incident.canManage && incident.status !== 'CLOSED' && <AddMember incident={incident} onAdded={onChanged} />}
    </section>
  );
}
