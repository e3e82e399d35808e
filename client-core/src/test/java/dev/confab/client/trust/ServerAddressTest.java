package dev.confab.client.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerAddressTest {

    @ParameterizedTest
    @CsvSource({
            "localhost,            localhost, 7700",
            "chat.example.org:443, chat.example.org, 443",
            "Chat.Example.ORG,     chat.example.org, 7700",
            "10.0.0.5:7701,        10.0.0.5, 7701",
            "[::1],                ::1, 7700",
            "[::1]:7700,           ::1, 7700",
            "[fe80::1:2]:9,        fe80::1:2, 9",
            "'  localhost:1  ',    localhost, 1",
    })
    void parsesHostAndPort(String text, String host, int port) {
        assertThat(ServerAddress.parse(text)).isEqualTo(new ServerAddress(host, port));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                | server address is empty",
            "localhost:        | port '' is not a number between 1 and 65535",
            "localhost:http    | port 'http' is not a number",
            "localhost:0       | server port 0 is not between 1 and 65535",
            "localhost:65536   | server port 65536 is not between 1 and 65535",
            "localhost:-1      | port '-1' is not a number",
            ":7700             | server host is empty",
            "::1               | write an IPv6 address in brackets, like [::1]:7700",
            "[::1              | opens '[' but never closes it",
            "[::1]7700         | expected ':port' after ']'",
            "[localhost]:7700  | brackets are only for IPv6 addresses",
            "user@host         | contains '@'",
            "my host           | contains ' '",
    })
    void refusesWithAMessageSayingWhy(String text, String message) {
        assertThatThrownBy(() -> ServerAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void printsHostColonPortWithIpv6InBrackets() {
        assertThat(new ServerAddress("localhost", 7700)).hasToString("localhost:7700");
        assertThat(new ServerAddress("::1", 7700)).hasToString("[::1]:7700");
    }

    @Property
    void parseThrowsNothingButIllegalArgumentOnAnyString(@ForAll String text) {
        parseOrIllegalArgument(text);
    }

    @Property
    void parseThrowsNothingButIllegalArgumentOnAddressLikeStrings(@ForAll("addressLike") String text) {
        parseOrIllegalArgument(text);
    }

    @Property
    void whatParsesPrintsBackToTheSameAddress(@ForAll("addressLike") String text) {
        try {
            ServerAddress address = ServerAddress.parse(text);
            assertThat(ServerAddress.parse(address.toString())).isEqualTo(address);
        } catch (IllegalArgumentException refused) {
            // Most random strings are no address; this property is about the ones that are.
        }
    }

    /** Strings built from the characters addresses are made of, so the parser's branches get exercised. */
    @Provide
    Arbitrary<String> addressLike() {
        return Arbitraries.strings().withChars("[]:0123456789abcdefABCDEF.- ").ofMaxLength(24);
    }

    private static void parseOrIllegalArgument(String text) {
        try {
            ServerAddress.parse(text);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
