/**
 * The timeline model the Timeline draws: the automatic marks with the room's named bookmarks merged in (time
 * order), so bookmarks get chips, lines, tooltips and clicks exactly like the other marks. The model object changes
 * only when the model or the bookmark list does, so memoized rows are not re-rendered by it.
 */
import { useMemo } from 'react';
import { selectBookmarks } from '../store/selectors.ts';
import { useBoot } from '../store/store.ts';
import type { TimelineModel } from '../store/timelineModel.ts';
import { withBookmarks } from '../viz/bookmarkMarkers.ts';

export function useBookmarkedModel(model: TimelineModel): TimelineModel {
  const bookmarks = useBoot(selectBookmarks);
  return useMemo(() => (bookmarks.length === 0 ? model : { ...model, markers: withBookmarks(model.markers, bookmarks) }), [model, bookmarks]);
}
