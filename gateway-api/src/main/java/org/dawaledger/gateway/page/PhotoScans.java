package org.dawaledger.gateway.page;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.dawaledger.barcode.Barcode;
import org.dawaledger.barcode.BarcodeReader;
import org.dawaledger.barcode.UnreadableImageException;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The code in a photo a visitor uploads, where their browser cannot read barcodes itself: read by the same reader as
 * the scanner's image files. A phone photo is a few megabytes; decoding one takes up to hundreds of megabytes of heap
 * for a moment, so the gateway decodes one at a time and refuses larger files outright.
 */
@ApplicationScoped
public class PhotoScans {
    /** A phone camera's JPEG is 2 to 6 MB. */
    static final long MAX_BYTES = 12L * 1024 * 1024;

    private final BarcodeReader reader = BarcodeReader.create();
    private final Semaphore decoding = new Semaphore(1);

    /** No code could be had from the upload; the message says why, for the page. */
    static final class NoCodeException extends Exception {
        private static final long serialVersionUID = 1L;

        NoCodeException(final String message) {
            super(message);
        }
    }

    /**
     * The first code in the photo, as a scanner would send it (symbology identifier first).
     *
     * @throws NoCodeException if there is no photo, it is too large or not a PNG or JPEG, no code is found in it, or
     *     the gateway is busy decoding others for longer than a visitor should wait
     */
    String read(final FileUpload photo) throws NoCodeException {
        if (photo == null || photo.size() == 0) {
            throw new NoCodeException("photo: choose a photo of the code first");
        }
        if (photo.size() > MAX_BYTES) {
            throw new NoCodeException("photo: " + photo.size() / (1024 * 1024) + " MB is more than the "
                    + MAX_BYTES / (1024 * 1024) + " MB a photo may have");
        }
        final byte[] image;
        try {
            image = Files.readAllBytes(photo.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            if (!decoding.tryAcquire(20, TimeUnit.SECONDS)) {
                throw new NoCodeException("photo: the gateway is busy reading other photos; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoCodeException("photo: not read, the gateway is stopping");
        }
        try {
            final List<Barcode> codes = reader.read(image);
            return codes.get(0).text();
        } catch (UnreadableImageException e) {
            throw new NoCodeException(e.getMessage());
        } finally {
            decoding.release();
        }
    }
}
