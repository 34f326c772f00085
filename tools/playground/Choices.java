package playground;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/// The choices of every setting, for the page's menus: the same lists [Spec] checks against.
final class Choices {

    private Choices() {}

    static JsonObject json() {
        JsonObject json = new JsonObject();
        json.add("data", array(List.of("xor", "circles", "moons", "spirals", "blobs", "csv")));
        json.add("activations", array(Spec.ACTIVATIONS));
        json.add("costs", array(Spec.COSTS));
        json.add("optimizers", array(Spec.OPTIMIZERS));
        json.add("inits", array(Spec.INITS));
        json.addProperty("maxLayers", Spec.MAX_LAYERS);
        json.addProperty("maxWidth", Spec.MAX_WIDTH);
        json.addProperty("maxPoints", DataSet.MAX_POINTS);
        json.add("defaults", Spec.defaults().json());
        return json;
    }

    private static JsonArray array(List<String> names) {
        JsonArray array = new JsonArray();
        names.forEach(array::add);
        return array;
    }
}
