import type { ComponentType } from 'react';
import type { Role } from '../api/types';

/** One area of the platform: its place in the navigation and on the overview page. */
export interface Area {
  /** Route path, also the navigation link target. */
  path: string;
  /** Navigation label. */
  label: string;
  /** One sentence on what the area is for, shown on the overview page. */
  description: string;
  /** Whether the area can be used yet; the overview says so honestly. */
  available: boolean;
  /**
   * Only people with this role see the area in the navigation and on the overview. The route
   * exists for everyone: the page itself explains the refusal (and the server enforces it).
   */
  requiredRole?: Role;
  page: ComponentType;
  /**
   * Further top-level addresses the area owns outside its own path, e.g. `/threads/:threadId`
   * for the forums (threads are addressed by id alone, wherever their forum is).
   */
  routes?: readonly { path: string; page: ComponentType }[];
  /** Shown inside the area's navigation link, e.g. the unread notification count. */
  badge?: ComponentType;
}
