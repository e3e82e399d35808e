package dev.confab.client.audio.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The settings parser reads what it writes, and refuses anything else with a clear message. */
class ChaosSettingsProperties {

    @Property(tries = 3000)
    void anyTextIsReadOrRefusedWithAMessage(@ForAll("settingLike") String text) {
        try {
            ChaosSettings parsed = ChaosSettings.parse(text);
            assertThat(ChaosSettings.parse(parsed.toString())).isEqualTo(parsed);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void whatIsWrittenIsReadBack(@ForAll("settings") ChaosSettings settings) {
        assertThat(ChaosSettings.parse(settings.toString())).isEqualTo(settings);
    }

    @Example
    void theDeveloperPanelsFormIsRead() {
        assertThat(ChaosSettings.parse(" Loss=10%, jitter=30ms,reorder=5 "))
                .isEqualTo(new ChaosSettings(10, 0, 30, 5));
        assertThat(ChaosSettings.parse("delay=120")).isEqualTo(new ChaosSettings(0, 120, 0, 0));
        assertThat(ChaosSettings.parse("off")).isSameAs(ChaosSettings.OFF);
        assertThat(ChaosSettings.parse("")).isSameAs(ChaosSettings.OFF);
        assertThat(ChaosSettings.OFF).hasToString("off");
        assertThat(new ChaosSettings(2.5, 0, 40, 0)).hasToString("loss=2.5%,delay=0ms,jitter=40ms,reorder=0%");
    }

    @Example
    void mistakesAreNamed() {
        assertThatThrownBy(() -> ChaosSettings.parse("loss=110")).hasMessageContaining("loss must be a percentage");
        assertThatThrownBy(() -> ChaosSettings.parse("loss=NaN")).hasMessageContaining("loss must be a percentage");
        assertThatThrownBy(() -> ChaosSettings.parse("jitter=-1")).hasMessageContaining("jitter must be whole");
        assertThatThrownBy(() -> ChaosSettings.parse("delay=1.5")).hasMessageContaining("delay must be whole");
        assertThatThrownBy(() -> ChaosSettings.parse("lag=5")).hasMessageContaining("unknown chaos setting \"lag\"");
        assertThatThrownBy(() -> ChaosSettings.parse("loss=1,loss=2")).hasMessageContaining("loss is given twice");
        assertThatThrownBy(() -> ChaosSettings.parse("loss")).hasMessageContaining("expected name=value");
    }

    @Provide
    Arbitrary<ChaosSettings> settings() {
        return Combinators.combine(
                Arbitraries.doubles().between(0, 100).ofScale(2),
                Arbitraries.integers().between(0, ChaosSettings.MAX_MILLIS),
                Arbitraries.integers().between(0, ChaosSettings.MAX_MILLIS),
                Arbitraries.doubles().between(0, 100).ofScale(2)).as(ChaosSettings::new);
    }

    /** Random text, and text built from the parser's own words, numbers and separators. */
    @Provide
    Arbitrary<String> settingLike() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.of("loss", "delay", "jitter", "reorder", "off", "=", ",", "%", "ms", " ", "-", ".", "e"),
                Arbitraries.integers().between(-20, 20_000).map(String::valueOf),
                Arbitraries.strings().ofMaxLength(4));
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                word.list().ofMaxSize(14).map(parts -> String.join("", parts)));
    }
}
