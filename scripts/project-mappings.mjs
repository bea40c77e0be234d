// Cuts a source map down to the project's own files. A test module bundles its dependencies too, and their
// mappings are most of its map: Node parses the whole map when it loads the module (--enable-source-maps),
// about 0.3 CPU-s per test file with every dependency's mappings, for stack frames nobody reads as
// TypeScript. Frames in a dependency's code then show the bundle's line, which names the package in a
// comment above its code.
//
// A source map's `mappings` are lines of generated code (`;`), each a list of segments (`,`) in base64 VLQ:
// the generated column (relative to the line's previous segment), then the source index, the source line
// and column, and a name index (relative to the previous segment that has them). Segments from a dropped
// source go; where a run of them begins, a segment of the generated column alone stays, so a position in
// that code maps to no source rather than to the project line before it.

const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUE = new Map([...DIGITS].map((digit, index) => [digit, index]));

/** The numbers of one segment. */
function decode(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const digit of segment) {
    const bits = VALUE.get(digit);
    if (bits === undefined) throw new Error(`not a base64 VLQ digit: ${digit}`);
    value += (bits & 31) << shift;
    if (bits & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function encode(number) {
  let rest = number < 0 ? (-number << 1) | 1 : number << 1;
  let out = "";
  do {
    let bits = rest & 31;
    rest >>>= 5;
    if (rest > 0) bits |= 32;
    out += DIGITS[bits];
  } while (rest > 0);
  return out;
}

/** `map` (a parsed source map, version 3) with only the mappings of sources `keep` accepts, and no names. */
export function projectMappings(map, keep) {
  const kept = map.sources.map((source) => keep(source));
  // Decoding state: absolute values of the last segment read.
  let source = 0;
  let line = 0;
  let column = 0;
  // Encoding state: absolute values of the last segment written.
  let outSource = 0;
  let outLine = 0;
  let outColumn = 0;
  let mapped = false;
  const lines = map.mappings.split(";").map((text) => {
    let generated = 0;
    let outGenerated = 0;
    const segments = [];
    for (const segment of text === "" ? [] : text.split(",")) {
      const values = decode(segment);
      generated += values[0];
      if (values.length < 4) continue;
      source += values[1];
      line += values[2];
      column += values[3];
      if (kept[source]) {
        segments.push(
          encode(generated - outGenerated) +
            encode(source - outSource) +
            encode(line - outLine) +
            encode(column - outColumn),
        );
        [outGenerated, outSource, outLine, outColumn, mapped] = [generated, source, line, column, true];
      } else if (mapped) {
        segments.push(encode(generated - outGenerated));
        [outGenerated, mapped] = [generated, false];
      }
    }
    return segments.join(",");
  });
  return { ...map, names: [], mappings: lines.join(";") };
}
