package org.cinestack.edit.otio;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Media as numbered image files (OTIO's ImageSequenceReference.1): image {@code n} is at
 * {@code targetUrlBase + namePrefix + (startFrame + n * frameStep, zero-padded to frameZeroPadding digits) +
 * nameSuffix}.
 *
 * @param schema               {@code ImageSequenceReference.1}; null gives that
 * @param name                 the reference's name
 * @param metadata             tools' own data
 * @param availableRange       the sequence's time range, or null
 * @param availableImageBounds its picture area, or null
 * @param targetUrlBase        the folder's URL, for example {@code file:///shots/sh010/}
 * @param namePrefix           the file names' start, for example {@code sh010.}
 * @param nameSuffix           their end, for example {@code .exr}
 * @param startFrame           the number of the first image
 * @param frameStep            the numbers' step (1 for every frame)
 * @param rate                 images per second
 * @param frameZeroPadding     digits the number is padded to with zeros (0 for none)
 * @param missingFramePolicy   what a player does for a missing image: {@code error}, {@code black} or {@code hold}
 * @param dynamicFields        fields this record does not type, kept
 */
public record ImageSequenceReference(String schema, String name, ObjectNode metadata, TimeRange availableRange,
                                     Box2d availableImageBounds, String targetUrlBase, String namePrefix,
                                     String nameSuffix, int startFrame, int frameStep, double rate,
                                     int frameZeroPadding, String missingFramePolicy,
                                     Map<String, JsonNode> dynamicFields) implements MediaReference {
    public ImageSequenceReference {
        schema = Schemas.Kind.IMAGE_SEQUENCE_REFERENCE.check(schema);
        metadata = Copies.object(metadata);
        dynamicFields = Copies.map(dynamicFields);
    }
}
