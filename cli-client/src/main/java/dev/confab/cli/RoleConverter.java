package dev.confab.cli;

import dev.confab.protocol.Role;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a role the way the protocol spells it (guest, member, moderator, admin), in any case. */
public final class RoleConverter implements ITypeConverter<Role> {

    @Override
    public Role convert(String text) {
        try {
            return Role.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** The roles, for shell completion. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("guest", "member", "moderator", "admin").iterator();
        }
    }
}
