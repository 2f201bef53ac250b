/**
 * Classroom slice: the presenter's focus as last relayed (`ui:follow`), whether this viewer follows it,
 * the open predict-then-reveal round (`quiz:state`) and this viewer's own picks for it, and whether the room waits
 * at a narration for the presenter. Server-fed parts are written by feed.ts; `following` and the picks are this
 * tab's own (actions below).
 */
import type { StoreApi } from 'zustand/vanilla';
import type { FollowState, QuizState, UnitRef } from '../../shared/protocol/classroom.ts';

export interface ClassroomSlice {
  /** Where the presenter looks (null: nothing relayed yet, or not a class room). */
  follow: FollowState | null;
  /** This viewer copies the presenter's focus (true until they explore on their own). */
  following: boolean;
  quiz: QuizState | null;
  /** This viewer's picks for round `picksFor` (dropped when a new round opens). */
  myPicks: readonly UnitRef[];
  picksFor: number | null;
  /** Paused at a narration that waits for the presenter (→ continues). */
  waiting: boolean;
  /** The server closed this room (room:closed): why, shown until the page goes elsewhere. */
  roomClosed: string | null;
  /** The server cannot store this room (room:storage ok:false): why; null while it can. */
  roomStorage: string | null;
}

export interface ClassroomActions {
  setFollowing(following: boolean): void;
  togglePick(ref: UnitRef): void;
}

export function initialClassroomSlice(): ClassroomSlice {
  return { follow: null, following: true, quiz: null, myPicks: [], picksFor: null, waiting: false, roomClosed: null, roomStorage: null };
}

export function classroomActions(set: StoreApi<ClassroomSlice>['setState']): ClassroomActions {
  return {
    setFollowing: (following) => set({ following }),
    togglePick: (ref) =>
      set((s) => {
        if (s.quiz === null || s.quiz.phase !== 'asking') return {};
        const current = s.picksFor === s.quiz.id ? s.myPicks : [];
        return { picksFor: s.quiz.id, myPicks: current.includes(ref) ? current.filter((r) => r !== ref) : [...current, ref] };
      }),
  };
}
