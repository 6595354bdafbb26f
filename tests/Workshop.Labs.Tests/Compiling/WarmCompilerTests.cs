using Workshop.Grading.Running;
using Xunit;

namespace Workshop.Labs.Tests.Compiling;

/// <summary>
/// The warm in-process compiler (<see cref="WarmCompiler"/>) against what MSBuild decides, and against a student who
/// tries to keep it busy or to reach outside their own compile.
/// </summary>
public sealed class WarmCompilerTests(WarmCompilerLab lab) : IClassFixture<WarmCompilerLab>
{
    [Fact]
    public async Task It_gives_a_solved_and_a_broken_copy_the_verdict_msbuild_gives()
    {
        var solved = await lab.CopyAsync("solved", "solution");
        var broken = await lab.CopyAsync("broken", "solution", p => File.AppendAllText(Path.Combine(p, "Program.cs"), "\nthis is not C#\n"));

        var warmSolved = await CompileAsync(solved);
        var warmBroken = await CompileAsync(broken);
        var msbuildSolved = await LabBuilder.BuildAsync(solved, Path.Combine(lab.Root, "solved", "msbuild"), WarmCompilerLab.Timeout, null, default, [lab.Templates.Packages]);
        var msbuildBroken = await LabBuilder.BuildAsync(broken, Path.Combine(lab.Root, "broken", "msbuild"), WarmCompilerLab.Timeout, null, default, [lab.Templates.Packages]);

        Assert.Equal(CompilerTemplate.WarmKind, warmSolved.Kind);
        Assert.True(msbuildSolved.Succeeded, msbuildSolved.Error);
        Assert.True(warmSolved.Succeeded, warmSolved.Error);
        Assert.True(File.Exists(Path.ChangeExtension(warmSolved.AssemblyPath!, ".pdb")));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(warmSolved.AssemblyPath!)!, "WelcomeEcho.runtimeconfig.json")));
        Assert.False(msbuildBroken.Succeeded);
        Assert.False(warmBroken.Succeeded);
        // The same feedback as the build's: the first errors, as the compiler prints them, naming the student's file.
        var firstError = msbuildBroken.Error!.Split('\n')[1];
        Assert.StartsWith("the project does not compile:\n" + Path.Combine(broken, "Program.cs") + "(", warmBroken.Error, StringComparison.Ordinal);
        var project = firstError.IndexOf(" [", StringComparison.Ordinal);
        Assert.Contains(project < 0 ? firstError : firstError[..project], warmBroken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_student_file_that_needs_a_source_generator_compiles()
    {
        var copy = await lab.CopyAsync("generated", "solution", p => File.WriteAllText(Path.Combine(p, "Names.cs"), """
            using System.Text.RegularExpressions;
            static partial class Names
            {
                [GeneratedRegex("^[a-z]+$")]
                public static partial Regex Plain();
            }
            """));

        var build = await CompileAsync(copy);

        Assert.True(build.Succeeded, build.Error);
    }

    [Fact]
    public async Task A_source_that_keeps_the_compiler_busy_is_cut_at_the_time_limit_and_the_next_student_still_compiles()
    {
        // Nested lambdas passed to overloads: the compiler tries every overload for every level, 2^depth bindings.
        var nested = string.Concat(Enumerable.Range(0, 40).Select(i => $"F(x{i} => ")) + "0" + new string(')', 40);
        var slow = await lab.CopyAsync("slow", "solution", p => File.WriteAllText(Path.Combine(p, "Slow.cs"), $$"""
            using System;
            static class Slow
            {
                static int F(Func<int, int> f) => 0;
                static int F(Func<string, int> f) => 0;
                static int F(Func<long, int> f) => 0;
                public static int Run() => {{nested}};
            }
            """));
        var before = await CompileAsync(await lab.CopyAsync("before", "solution"));
        var honest = await lab.CopyAsync("honest", "solution");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cut = await lab.Compiler.CompileAsync(slow, Path.Combine(lab.Root, "slow", "out"), TimeSpan.FromSeconds(10), null);
        var waited = clock.Elapsed;
        var next = await CompileAsync(honest);

        Assert.True(before.Succeeded, before.Error);
        Assert.False(cut!.Succeeded);
        Assert.Equal("the project did not compile within 10 s", cut.Error);
        Assert.True(waited < TimeSpan.FromSeconds(40), $"the grader waited {waited}");
        Assert.True(next.Succeeded, next.Error);
    }

    [Fact]
    public async Task Line_and_pragma_tricks_and_a_file_named_like_a_generator_change_nothing_outside_the_students_own_compile()
    {
        var outside = Path.Combine(lab.Root, "outside.cs");
        var tricky = await lab.CopyAsync("tricky", "solution", p =>
        {
            File.WriteAllText(Path.Combine(p, "System.Text.RegularExpressions.Generator.cs"), $$"""
                #pragma warning disable
                #line 1 "{{outside}}"
                #pragma checksum "{{outside}}" "{00000000-0000-0000-0000-000000000000}" "00"
                class Tricks { int Broken() => "not an int"; }
                """);
        });
        var honest = await lab.CopyAsync("after-tricks", "solution");

        var tricked = await CompileAsync(tricky);
        var next = await CompileAsync(honest);

        // #pragma warning disable does not hide an error, and #line only changes what its own feedback says.
        Assert.False(tricked.Succeeded);
        Assert.Contains("error CS0029", tricked.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(outside));
        Assert.True(next.Succeeded, next.Error);
    }

    private async Task<LabBuild> CompileAsync(string project)
    {
        var build = await lab.Compiler.CompileAsync(project, Path.Combine(Path.GetDirectoryName(project)!, "out"), WarmCompilerLab.Timeout, null);
        Assert.NotNull(build);
        return build;
    }
}
