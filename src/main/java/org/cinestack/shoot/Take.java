package org.cinestack.shoot;

import java.nio.file.Path;

/**
 * One take of a shot, as kept in the take store.
 *
 * @param specDigest  digest of the spec and backend that made it (the store folder's name)
 * @param number      take number, 1-based
 * @param folder      the take's folder: {@code .cinestack/takes/<specDigest>/<number>/}
 * @param seed        the seed this take was made with
 * @param backend     backend id
 * @param mediaDigest SHA-256 of take.mp4
 */
public record Take(String specDigest, int number, Path folder, long seed, String backend, String mediaDigest) {

    /** @return the take's picture */
    public Path media() {
        return folder.resolve("take.mp4");
    }
}
