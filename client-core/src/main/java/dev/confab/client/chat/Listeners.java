package dev.confab.client.chat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listeners of one kind, added from any thread and called in the order added. A listener that
 * throws is logged and skipped: one buggy listener must not cost the others their calls, nor
 * the connection its event loop.
 */
final class Listeners<T> {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<Consumer<? super T>> listeners = new CopyOnWriteArrayList<>();

    void add(Consumer<? super T> listener) {
        listeners.add(listener);
    }

    /** Removes {@code listener} (the same object that was added); false if it was not there. */
    boolean remove(Consumer<? super T> listener) {
        return listeners.remove(listener);
    }

    void deliver(T value) {
        for (Consumer<? super T> listener : listeners) {
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                log.warn("a listener failed on {}", value.getClass().getSimpleName(), e);
            }
        }
    }
}
