package dev.confab.server.moderation;

import dev.confab.protocol.BanInfo;
import java.util.List;
import java.util.Optional;

/**
 * The bans in force, as an immutable list behind a volatile reference: the hub replaces it after
 * every ban and unban, and network threads read it at connect time without locking.
 */
public final class BanList {
    private volatile List<BanInfo> bans;

    public BanList(List<BanInfo> initial) {
        this.bans = List.copyOf(initial);
    }

    public void replace(List<BanInfo> current) {
        this.bans = List.copyOf(current);
    }

    public List<BanInfo> all(long now) {
        return bans.stream().filter(ban -> inForce(ban, now)).toList();
    }

    public Optional<BanInfo> forAddress(String ip, long now) {
        return bans.stream().filter(ban -> ip.equals(ban.ip()) && inForce(ban, now)).findFirst();
    }

    public Optional<BanInfo> forAccount(long account, long now) {
        return bans.stream().filter(ban -> ban.user() != null && ban.user() == account && inForce(ban, now))
                .findFirst();
    }

    private static boolean inForce(BanInfo ban, long now) {
        return ban.expires() == null || ban.expires() > now;
    }

    /** The text a banned person sees. */
    public static String describe(BanInfo ban) {
        String until = ban.expires() == null ? "permanently" : "until " + java.time.Instant.ofEpochMilli(ban.expires());
        return "banned " + until + (ban.reason().isEmpty() ? "" : ": " + ban.reason());
    }
}
