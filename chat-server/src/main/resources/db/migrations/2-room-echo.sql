-- Echo rooms: everyone inside hears their own voice back and nobody else's (a microphone test).
-- The clients enforce it; the server stores the flag and sends it with the room. Existing rooms
-- are ordinary rooms.
ALTER TABLE rooms ADD COLUMN echo INTEGER NOT NULL DEFAULT 0;  -- 1: an echo room
