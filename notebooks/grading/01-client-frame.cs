// Probe 01-client-frame, learner function: MaskedTextFrame
using System;
using System.Collections.Generic;
using System.Linq;

internal static class Probe_01_client_frame
{
    private static readonly string[] Pieces = ["a", "Hello", " ", "¡", "é", "€", "😀", "नमस्ते", "{\"move\":3}", "x"];

    public static IEnumerable<ProbeCase> Cases(Random random, Func<string, byte[], byte[]> maskedTextFrame)
    {
        byte[] rfcMask = [0x37, 0xFA, 0x21, 0x3D];
        var texts = new List<(string Text, byte[] Mask)> { ("Hello", rfcMask), ("¡hola!", rfcMask), (new string('a', 200), rfcMask) };
        // Short and 16-bit lengths (the check's range), ASCII and multi-byte characters, a fresh mask each.
        foreach (var target in new[] { 0, 5, 60, 125, 126, 140, 300, 1000 }.Concat(Enumerable.Range(0, 4).Select(_ => random.Next(1, 600))))
        {
            var text = "";
            while (System.Text.Encoding.UTF8.GetByteCount(text) < target) text += Pieces[random.Next(Pieces.Length)];
            var mask = new byte[4];
            random.NextBytes(mask);
            texts.Add((text, mask));
        }
        foreach (var (text, mask) in texts)
        {
            var label = $"MaskedTextFrame({ProbeText.Show(text.Length > 40 ? text[..20] + "…" : text)} ({System.Text.Encoding.UTF8.GetByteCount(text)} UTF-8 bytes), mask {Convert.ToHexString(mask)})";
            yield return ProbeCase.Of(label, () => ProbeText.Hex(maskedTextFrame(text, (byte[])mask.Clone())));
        }
    }
}
