package org.cinestack.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.cinestack.film.Film;
import org.cinestack.film.ShootPlan;
import org.cinestack.shoot.hosted.HostedBackends;

/** One list of deliverables and one of backends, read by the film model, the render and the command line alike. */
class DeliverableTest {
    @Test
    void everyDeliverableFilmYamlNamesIsOneTypeWithItsSizeCodecAndWatermark() {
        assertThat(Arrays.stream(Deliverable.values()).map(Deliverable::id)).containsExactlyInAnyOrderElementsOf(
            Film.DELIVERABLES);
        for (String name : Film.DELIVERABLES) {
            assertThat(Deliverable.of(name).extension()).as(name).isEqualTo(Film.extension(name));
        }
        assertThat(Arrays.stream(Deliverable.values()).filter(Deliverable::watermarked).map(Deliverable::id))
            .containsExactlyInAnyOrder("web", "vertical", "square");
        assertThat(Deliverable.VERTICAL.size(2048, 858)).containsExactly(1080, 1920);
        assertThat(Deliverable.WEB.size(3840, 1608)).containsExactly(Master.webSize(3840, 1608));
        assertThat(Deliverable.PRORES.size(2048, 858)).containsExactly(2048, 858);
        assertThat(Deliverable.SQUARE.files()).containsExactly(".mp4", ".crops.json");
        assertThat(Deliverable.PRORES.files()).containsExactly(".mov");
        assertThatThrownBy(() -> Deliverable.of("imax")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHostedBackendsAreTheFilmModelsList() {
        assertThat(HostedBackends.IDS).isSameAs(ShootPlan.HOSTED);
        assertThat(ShootPlan.BACKENDS).startsWith("previs", "comfyui").containsAll(ShootPlan.HOSTED)
            .hasSize(ShootPlan.HOSTED.size() + 2);
    }
}
