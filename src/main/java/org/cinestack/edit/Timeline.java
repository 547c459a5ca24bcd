package org.cinestack.edit;

import java.util.List;

/**
 * An edit: tracks stacked over each other, all at one frame rate.
 *
 * @param name   the film's title
 * @param fps    frames per second
 * @param tracks tracks, bottom first
 */
public record Timeline(String name, int fps, List<Track> tracks) {
}
