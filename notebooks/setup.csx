// Set-up shared by every workshop notebook. Their first cell is:   #load "setup.csx"
//
// It makes two things available to the C# kernel, on any OS and any .NET 10 patch version:
//  1. ASP.NET Core. It is a shared framework, not a NuGet package, so `#r "nuget: ..."` cannot bring it in.
//     We reference the Microsoft.AspNetCore.App folder that sits next to the runtime this kernel runs on.
//  2. The workshop's reference library, src/Workshop.Protocols. If it was never built, or its sources changed
//     since, this runs `dotnet build` on it once (about 20 s), then references the built dll.
// Everything lives inside one function so that no variable leaks into the notebook.

void WorkshopSetup()
{
    var runtimeFolder = System.IO.Path.GetDirectoryName(typeof(object).Assembly.Location)!;   // .../shared/Microsoft.NETCore.App/10.0.x
    var sharedFolder = System.IO.Path.GetDirectoryName(System.IO.Path.GetDirectoryName(runtimeFolder))!;
    var version = System.IO.Path.GetFileName(runtimeFolder);
    var aspNetCore = System.IO.Path.Combine(sharedFolder, "Microsoft.AspNetCore.App", version);
    if (!System.IO.Directory.Exists(aspNetCore))
    {
        // ASP.NET Core patches ship with the runtime's, but fall back to the newest one of the same major version.
        aspNetCore = System.IO.Directory.GetDirectories(System.IO.Path.Combine(sharedFolder, "Microsoft.AspNetCore.App"))
            .Where(d => System.IO.Path.GetFileName(d).Split('.')[0] == version.Split('.')[0])
            .OrderBy(d => System.Version.TryParse(System.IO.Path.GetFileName(d).Split('-')[0], out var v) ? v : new System.Version())
            .LastOrDefault()
            ?? throw new System.InvalidOperationException($"No ASP.NET Core {version.Split('.')[0]} runtime next to {runtimeFolder}: install the .NET SDK.");
    }

    var root = new System.IO.DirectoryInfo(System.IO.Directory.GetCurrentDirectory());
    while (root is not null && !System.IO.File.Exists(System.IO.Path.Combine(root.FullName, "Workshop.sln"))) root = root.Parent;
    if (root is null) throw new System.InvalidOperationException("Open the notebook from the workshop's notebooks/ folder (no Workshop.sln above the working directory).");
    var project = System.IO.Path.Combine(root.FullName, "src", "Workshop.Protocols");

    // The tests set WORKSHOP_CONFIGURATION to their own build; a learner gets whichever build is newest, or Debug.
    var configuration = System.Environment.GetEnvironmentVariable("WORKSHOP_CONFIGURATION");
    string Dll(string config) => System.IO.Path.Combine(project, "bin", config, "net10.0", "Workshop.Protocols.dll");
    configuration ??= new[] { "Debug", "Release" }.Where(c => System.IO.File.Exists(Dll(c)))
        .OrderBy(c => System.IO.File.GetLastWriteTimeUtc(Dll(c))).LastOrDefault() ?? "Debug";
    var dll = Dll(configuration);
    var newestSource = System.IO.Directory.EnumerateFiles(project, "*.*", System.IO.SearchOption.AllDirectories)
        .Where(f => (f.EndsWith(".cs") || f.EndsWith(".csproj")) && !f.Contains($"{System.IO.Path.DirectorySeparatorChar}obj{System.IO.Path.DirectorySeparatorChar}") && !f.Contains($"{System.IO.Path.DirectorySeparatorChar}bin{System.IO.Path.DirectorySeparatorChar}"))
        .Max(f => System.IO.File.GetLastWriteTimeUtc(f));
    if (!System.IO.File.Exists(dll) || System.IO.File.GetLastWriteTimeUtc(dll) < newestSource)
    {
        Console.WriteLine($"Building src/Workshop.Protocols ({configuration}) once...");
        var build = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(
            System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            $"build \"{project}\" -c {configuration} -nologo -v q -clp:ErrorsOnly")
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var buildOutput = build.StandardOutput.ReadToEndAsync();
        var buildErrors = build.StandardError.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0) throw new System.InvalidOperationException($"dotnet build failed:\n{buildOutput.Result}{buildErrors}");
    }

    // The library's NuGet dependencies (SQLite for the webhook outbox) are not copied next to a class library's dll:
    // find them, managed and native, through the restore's own record of the package folders.
    var assets = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(System.IO.Path.Combine(project, "obj", "project.assets.json"))).RootElement;
    var packageFolders = assets.GetProperty("packageFolders").EnumerateObject().Select(p => p.Name).ToList();
    var os = System.OperatingSystem.IsWindows() ? "win" : System.OperatingSystem.IsMacOS() ? "osx" : "linux";
    var rids = new[] { System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier,
        $"{os}-{System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}" };
    // "libe_sqlite3.so" on Linux and macOS, "e_sqlite3.dll" on Windows; [DllImport] asks for "e_sqlite3".
    string BareName(string name) => name.StartsWith("lib", System.StringComparison.Ordinal) ? name[3..] : name;
    var packageAssemblies = new List<string>();
    var nativeLibraries = new Dictionary<string, string>();
    foreach (var package in assets.GetProperty("targets").EnumerateObject().First().Value.EnumerateObject())
    {
        if (package.Value.GetProperty("type").GetString() != "package") continue;
        var relative = assets.GetProperty("libraries").GetProperty(package.Name).GetProperty("path").GetString()!;
        var folder = packageFolders.Select(f => System.IO.Path.Combine(f, relative)).FirstOrDefault(System.IO.Directory.Exists);
        if (folder is null) continue;
        if (package.Value.TryGetProperty("runtime", out var runtime))
            packageAssemblies.AddRange(runtime.EnumerateObject().Where(a => !a.Name.EndsWith("_._")).Select(a => System.IO.Path.Combine(folder, a.Name)));
        if (package.Value.TryGetProperty("runtimeTargets", out var targets))
            foreach (var asset in targets.EnumerateObject().Where(a => a.Value.GetProperty("assetType").GetString() == "native" && rids.Contains(a.Value.GetProperty("rid").GetString())))
                nativeLibraries.TryAdd(BareName(System.IO.Path.GetFileNameWithoutExtension(asset.Name)), System.IO.Path.Combine(folder, asset.Name));
    }
    // A P/Invoke such as [DllImport("e_sqlite3")], or Assembly.Load("SQLitePCLRaw.batteries_v2"), looks next to the
    // app, not in the NuGet cache: answer both from the lists above, in whichever load context asks.
    var packageAssemblyPaths = packageAssemblies.GroupBy(System.IO.Path.GetFileNameWithoutExtension).ToDictionary(g => g.Key, g => g.First());
    var watched = new HashSet<System.Runtime.Loader.AssemblyLoadContext>();
    void Watch(System.Reflection.Assembly assembly)
    {
        var context = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(assembly);
        if (context is null || !watched.Add(context)) return;
        context.Resolving += (self, name) =>
            packageAssemblyPaths.TryGetValue(name.Name ?? "", out var path) ? self.LoadFromAssemblyPath(path) : null;
        context.ResolvingUnmanagedDll += (_, name) =>
            nativeLibraries.TryGetValue(BareName(name), out var path) ? System.Runtime.InteropServices.NativeLibrary.Load(path) : System.IntPtr.Zero;
    }
    foreach (var loaded in System.AppDomain.CurrentDomain.GetAssemblies()) Watch(loaded);
    System.AppDomain.CurrentDomain.AssemblyLoad += (_, e) => Watch(e.LoadedAssembly);

    var kernel = Microsoft.DotNet.Interactive.Kernel.Current as Microsoft.DotNet.Interactive.CSharp.CSharpKernel
        ?? throw new System.InvalidOperationException("Run this notebook with the C# (.NET Interactive) kernel.");
    // The kernel's default references miss a few runtime assemblies ASP.NET Core builds on; SSE's parser is one.
    var runtimeExtras = new[] { "System.Net.ServerSentEvents.dll" }.Select(f => System.IO.Path.Combine(runtimeFolder, f)).Where(System.IO.File.Exists);
    kernel.AddAssemblyReferences(System.IO.Directory.GetFiles(aspNetCore, "*.dll").Concat(runtimeExtras).Concat(packageAssemblies).Append(dll));
    Console.WriteLine($"Ready: ASP.NET Core {System.IO.Path.GetFileName(aspNetCore)} and the workshop library ({configuration}).");
}

WorkshopSetup();
