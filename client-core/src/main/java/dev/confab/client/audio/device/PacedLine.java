package dev.confab.client.audio.device;

/**
 * A line with no device behind it (a file, silence): the {@link Pacer} plays the device's clock,
 * so there is no buffer, nothing to open, and a late frame is the only over- or underrun.
 */
abstract class PacedLine implements DeviceLine {
    protected final Pacer pacer;

    PacedLine(Pacer pacer) {
        this.pacer = pacer;
    }

    @Override
    public double bufferMillis() {
        return 0;
    }

    @Override
    public void begin() {
    }

    /** Frames the pacer had to give up on because its reader or writer fell behind. */
    public long overruns() {
        return pacer.restarts();
    }

    public long underruns() {
        return pacer.restarts();
    }

    @Override
    public void interrupt() {
        pacer.stop();
    }

    @Override
    public void release() {
    }
}
