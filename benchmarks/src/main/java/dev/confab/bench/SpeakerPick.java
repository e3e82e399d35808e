package dev.confab.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Which sessions speak: spread over the rooms as evenly as can be, one per room in turn (the
 * first speaker of every room, then the second of every room, and so on), so that {@code count}
 * speakers put at most one more speaker in any room than in any other.
 */
final class SpeakerPick {
    private SpeakerPick() {
    }

    /**
     * @param roomOf the room (0 .. rooms - 1) of each candidate, in the order they are preferred
     * @return indices into {@code roomOf}, at most {@code count} (fewer when the rooms run out of people)
     */
    static List<Integer> pick(int[] roomOf, int rooms, int count) {
        List<List<Integer>> byRoom = new ArrayList<>(rooms);
        for (int r = 0; r < rooms; r++) {
            byRoom.add(new ArrayList<>());
        }
        for (int i = 0; i < roomOf.length; i++) {
            byRoom.get(roomOf[i]).add(i);
        }
        List<Integer> picked = new ArrayList<>(Math.min(count, roomOf.length));
        for (int round = 0; picked.size() < count; round++) {
            boolean any = false;
            for (int r = 0; r < rooms && picked.size() < count; r++) {
                if (round < byRoom.get(r).size()) {
                    picked.add(byRoom.get(r).get(round));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return picked;
    }
}
