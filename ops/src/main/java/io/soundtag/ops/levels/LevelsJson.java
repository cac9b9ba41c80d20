package io.soundtag.ops.levels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.soundtag.core.acoustics.IntervalLevels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of {@code soundtag levels}: a list with one object per whole interval, in the keys below. */
final class LevelsJson {

  private LevelsJson() {}

  /** One interval as the object written: start_s, end_s, LAeq … LAF90, third_octave. */
  static Map<String, Object> object(IntervalLevels l) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("start_s", l.startSample() / (double) l.sampleRate());
    o.put("end_s", l.endSample() / (double) l.sampleRate());
    o.put("LAeq", l.laeq());
    o.put("LCeq", l.lceq());
    o.put("LZeq", l.lzeq());
    o.put("LAE", l.lae());
    o.put("LAFmax", l.lafmax());
    o.put("LASmax", l.lasmax());
    o.put("LAFmin", l.lafmin());
    o.put("LCpeak", l.lcpeak());
    o.put("LAF10", l.laf10());
    o.put("LAF50", l.laf50());
    o.put("LAF90", l.laf90());
    o.put("third_octave", l.thirdOctave());
    return o;
  }

  static void write(Path path, List<IntervalLevels> intervals) throws IOException {
    List<Map<String, Object>> list = new ArrayList<>();
    for (IntervalLevels l : intervals) {
      list.add(object(l));
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(path.toFile(), list);
  }
}
