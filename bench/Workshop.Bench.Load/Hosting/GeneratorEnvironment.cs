namespace Workshop.Bench.Load.Hosting;

/// <summary>
/// How the generator process runs its sockets. bench/run.sh sets <see cref="InlineCompletions"/> for the generator
/// only: socket continuations then run on the one epoll thread instead of hopping to the thread pool, which on the
/// generator's single core saves a queue and a wake-up per receive (the hop was most of the generator's CPU per echo
/// round trip). Servers started by the driver never inherit it.
/// </summary>
internal static class GeneratorEnvironment
{
    public const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static bool InlineCompletionsOn => Environment.GetEnvironmentVariable(InlineCompletions) == "1";

    public static string Describe() => InlineCompletionsOn
        ? "raw sockets; socket continuations inline on the epoll thread (" + InlineCompletions + "=1, generator only); echo frames masked once per client"
        : "raw sockets; socket continuations on the thread pool (" + InlineCompletions + " not set: run through bench/run.sh for the cheaper generator); echo frames masked once per client";
}
