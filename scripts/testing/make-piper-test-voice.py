#!/usr/bin/python3
"""Builds a tiny Piper-shaped test voice: `<name>.onnx` + `<name>.onnx.json`.

Real Piper voices are 20-110 MB VITS models and no package ships one, so the tests load this
instead. It has Piper's exact signature — inputs `input` (int64 [1, N]), `input_lengths`
(int64 [1]), `scales` (float32 [3]: noise_scale, length_scale, noise_w), optionally `sid`
(int64 [1]) for a multi-speaker voice; output `output` (float32 [1, 1, T]) — and a deterministic
output that depends on every input, so a test can tell that the ids, the scales and the speaker
really reached the model:

  T         = floor(N * HOP * length_scale)                 (the length follows ids and speed)
  frequency = BASE_HZ + HZ_PER_ID * mean(input) + HZ_PER_SPEAKER * sid
  amplitude = 0.25 + noise_scale / 4
  output[t] = amplitude * sin(2 * pi * frequency * t / sample_rate)

Usage: make-piper-test-voice.py <out-folder> [--name test_VOICE] [--speakers 1] [--sample-rate 16000]
Needs only `onnx` (Debian's python3-onnx 1.12; opset 13).
"""

import argparse
import json
import os

import onnx
from onnx import TensorProto, helper

HOP = 256
BASE_HZ = 200.0
HZ_PER_ID = 4.0
HZ_PER_SPEAKER = 50.0

# Piper's layout: pad, BOS, EOS, space and punctuation first, then letters and IPA symbols.
SPECIAL = ["_", "^", "$", " ", "!", "'", "(", ")", ",", "-", ".", ":", ";", "?"]
LETTERS = [chr(c) for c in range(ord("a"), ord("z") + 1)]
# espeak-ng's IPA for English (and most European languages): the IPA Extensions block, stress
# and length marks, combining marks (Piper decomposes its phonemes: "ç" is "c" + U+0327), the tie
# bar and the few symbols outside the block that espeak-ng prints.
IPA = (
    ["æ", "ç", "ð", "ø", "ħ", "ŋ", "œ", "θ", "χ", "ᵻ", "ⱱ", "β", "ɐ"]
    + [chr(c) for c in range(0x0250, 0x02B0)]
    + ["ʰ", "ʲ", "ʷ", "ˈ", "ˌ", "ː", "ˑ", "\u0303", "\u0327", "\u0329", "\u032a", "\u0361", "↓", "↑", "→", "↗", "↘"]
)


def phoneme_id_map():
    symbols = []
    for symbol in SPECIAL + LETTERS + IPA:
        if symbol not in symbols:
            symbols.append(symbol)
    return {symbol: [index] for index, symbol in enumerate(symbols)}


def build_model(speakers, sample_rate):
    f = TensorProto.FLOAT
    i64 = TensorProto.INT64
    inputs = [
        helper.make_tensor_value_info("input", i64, [1, "phonemes"]),
        helper.make_tensor_value_info("input_lengths", i64, [1]),
        helper.make_tensor_value_info("scales", f, [3]),
    ]
    if speakers > 1:
        inputs.append(helper.make_tensor_value_info("sid", i64, [1]))
    output = helper.make_tensor_value_info("output", f, [1, 1, "time"])

    def const(name, value, dtype=f, dims=()):
        return helper.make_node("Constant", [], [name], value=helper.make_tensor(name + "_v", dtype, list(dims), [value] if not dims else value))

    nodes = [
        const("hop", float(HOP)),
        const("base_hz", BASE_HZ),
        const("hz_per_id", HZ_PER_ID),
        const("two_pi_over_sr", 2.0 * 3.141592653589793 / sample_rate),
        const("zero", 0.0),
        const("one", 1.0),
        const("quarter", 0.25),
        const("idx0", [0], i64, [1]),
        const("idx1", [1], i64, [1]),
        const("out_shape", [1, 1, -1], i64, [3]),
        # N, as a float, from the input's own shape (so input_lengths must agree with it).
        helper.make_node("Shape", ["input"], ["input_shape"]),
        helper.make_node("Gather", ["input_shape", "idx1"], ["n_vec"], axis=0),
        helper.make_node("Cast", ["n_vec"], ["n_f_vec"], to=f),
        helper.make_node("ReduceSum", ["n_f_vec"], ["n_f"], keepdims=0),
        helper.make_node("Cast", ["input_lengths"], ["len_f_vec"], to=f),
        helper.make_node("ReduceSum", ["len_f_vec"], ["len_f"], keepdims=0),
        # The scales.
        helper.make_node("Gather", ["scales", "idx0"], ["noise_vec"], axis=0),
        helper.make_node("ReduceSum", ["noise_vec"], ["noise"], keepdims=0),
        helper.make_node("Gather", ["scales", "idx1"], ["length_vec"], axis=0),
        helper.make_node("ReduceSum", ["length_vec"], ["length_scale"], keepdims=0),
        # T = floor(N * HOP * length_scale).
        helper.make_node("Mul", ["n_f", "hop"], ["frames"]),
        helper.make_node("Mul", ["frames", "length_scale"], ["samples_raw"]),
        helper.make_node("Floor", ["samples_raw"], ["samples"]),
        helper.make_node("Range", ["zero", "samples", "one"], ["t"]),
        # frequency = BASE + HZ_PER_ID * sum(ids) / input_lengths (+ HZ_PER_SPEAKER * sid).
        helper.make_node("Cast", ["input"], ["ids_f"], to=f),
        helper.make_node("ReduceSum", ["ids_f"], ["ids_sum"], keepdims=0),
        helper.make_node("Div", ["ids_sum", "len_f"], ["ids_mean"]),
        helper.make_node("Mul", ["ids_mean", "hz_per_id"], ["id_hz"]),
        helper.make_node("Add", ["base_hz", "id_hz"], ["freq_ids"]),
    ]
    freq = "freq_ids"
    if speakers > 1:
        nodes += [
            const("hz_per_speaker", HZ_PER_SPEAKER),
            helper.make_node("Cast", ["sid"], ["sid_f_vec"], to=f),
            helper.make_node("ReduceSum", ["sid_f_vec"], ["sid_f"], keepdims=0),
            helper.make_node("Mul", ["sid_f", "hz_per_speaker"], ["speaker_hz"]),
            helper.make_node("Add", ["freq_ids", "speaker_hz"], ["freq"]),
        ]
        freq = "freq"
    nodes += [
        helper.make_node("Mul", ["t", freq], ["phase_hz"]),
        helper.make_node("Mul", ["phase_hz", "two_pi_over_sr"], ["phase"]),
        helper.make_node("Sin", ["phase"], ["wave"]),
        helper.make_node("Mul", ["noise", "quarter"], ["noise_amp"]),
        helper.make_node("Add", ["quarter", "noise_amp"], ["amplitude"]),
        helper.make_node("Mul", ["wave", "amplitude"], ["audio"]),
        helper.make_node("Reshape", ["audio", "out_shape"], ["output"]),
    ]
    graph = helper.make_graph(nodes, "piper_test_voice", inputs, [output])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="nova-studio-tests")
    model.ir_version = 7
    onnx.checker.check_model(model)
    return model


def build_config(name, speakers, sample_rate):
    language, _, rest = name.partition("-")
    dataset = rest.rsplit("-", 1)[0] if "-" in rest else rest
    family, _, region = language.partition("_")
    config = {
        "dataset": dataset,
        "audio": {"sample_rate": sample_rate, "quality": "x_low"},
        "espeak": {"voice": "en-us"},
        "language": {"code": language, "family": family, "region": region, "name_native": "English", "name_english": "English", "country_english": "United States"},
        "inference": {"noise_scale": 0.667, "length_scale": 1.0, "noise_w": 0.8},
        "phoneme_type": "espeak",
        "phoneme_map": {},
        "phoneme_id_map": phoneme_id_map(),
        "num_symbols": len(phoneme_id_map()),
        "num_speakers": speakers,
        "speaker_id_map": {f"speaker_{i}": i for i in range(speakers)} if speakers > 1 else {},
        "piper_version": "1.0.0",
    }
    return config


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--name", default="en_US-test-x_low")
    parser.add_argument("--speakers", type=int, default=1)
    parser.add_argument("--sample-rate", type=int, default=16000)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    model = build_model(args.speakers, args.sample_rate)
    onnx.save(model, os.path.join(args.out, args.name + ".onnx"))
    with open(os.path.join(args.out, args.name + ".onnx.json"), "w", encoding="utf-8") as out:
        json.dump(build_config(args.name, args.speakers, args.sample_rate), out, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
