// Probe 00-read-greeting, learner function: ReadGreetingAsync
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

internal static class Probe_00_read_greeting
{
    private static readonly string[] Words = ["Namaste", "Welcome", "Hello", "Bonjour", "Hola", "Salaam", "Ciao", "Vanakkam"];

    public static IEnumerable<ProbeCase> Cases(Random random, Func<Uri, CancellationToken, Task<string>> readGreetingAsync)
    {
        // As the check cell: a server that greets with a text the learner cannot know in advance, in one message.
        for (var i = 0; i < 4; i++)
        {
            var greeting = i == 0 ? $"Namaste #{random.Next(1000, 10000)}!" : $"{Words[random.Next(Words.Length)]} #{random.Next(1, 1_000_000)}, {new string('!', random.Next(1, 30))}";
            yield return ProbeCase.Of($"ReadGreetingAsync from a server that sends {ProbeText.Show(greeting)}", async token =>
            {
                using var server = LoopbackSockets.Greeter(greeting, token);
                return ProbeText.Show(await readGreetingAsync(server.Url, token));
            });
        }
    }
}
