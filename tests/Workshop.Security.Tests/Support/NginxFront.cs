using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Workshop.Grading.Running;
using Workshop.Testing;

namespace Workshop.Security.Tests.Support;

/// <summary>
/// A real nginx running the server block that docs/security.md gives deployers, word for word except its
/// addresses: the certificate is a fresh self-signed one, it listens on a free loopback port, and it proxies to a
/// given playground. Stopped (with its workers) when disposed.
/// </summary>
public sealed partial class NginxFront : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _directory;

    private NginxFront(ChildProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    /// <summary>The TLS port nginx listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>nginx's binary, or null when it is not installed.</summary>
    public static string? Binary => new[] { "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);

    /// <summary>Starts nginx in front of <paramref name="upstream"/> with the documented configuration.</summary>
    public static async Task<NginxFront> StartAsync(string documentedConfig, Uri upstream, string binary)
    {
        var directory = Directory.CreateTempSubdirectory("nginx-front-").FullName;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=workshop.example.org", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        await File.WriteAllTextAsync(Path.Combine(directory, "cert.pem"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(directory, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        var tls = LoopbackPort.Free();
        var plain = LoopbackPort.Free();
        var server = documentedConfig
            .Replace("/etc/letsencrypt/live/workshop.example.org/fullchain.pem", Path.Combine(directory, "cert.pem"), StringComparison.Ordinal)
            .Replace("/etc/letsencrypt/live/workshop.example.org/privkey.pem", Path.Combine(directory, "key.pem"), StringComparison.Ordinal)
            .Replace("listen 443 ", $"listen 127.0.0.1:{tls} ", StringComparison.Ordinal)
            .Replace("listen 80;", $"listen 127.0.0.1:{plain};", StringComparison.Ordinal)
            .Replace("http://127.0.0.1:5000", upstream.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal);
        var temp = Path.Combine(directory, "temp");
        Directory.CreateDirectory(temp);
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{temp}}; proxy_temp_path {{temp}}; fastcgi_temp_path {{temp}}; uwsgi_temp_path {{temp}}; scgi_temp_path {{temp}};
            {{server}}
            }
            """);
        var info = new ProcessStartInfo(binary);
        foreach (var arg in new[] { "-p", directory, "-c", Path.Combine(directory, "nginx.conf"), "-e", Path.Combine(directory, "error.log") }) info.ArgumentList.Add(arg);
        var front = new NginxFront(await ChildProcess.StartAsync(info, "nginx"), directory, tls);
        try
        {
            await front._process.WaitForPortAsync(tls, Eventually.DefaultTimeout);
        }
        catch (InvalidOperationException)
        {
            var log = await File.ReadAllTextAsync(Path.Combine(directory, "error.log"));
            await front.DisposeAsync();
            throw new InvalidOperationException("nginx exited: " + log);
        }
        return front;
    }

    /// <summary>The ```nginx block of docs/security.md.</summary>
    public static string DocumentedConfig(string securityDoc)
        => NginxBlock().Match(securityDoc) is { Success: true } match ? match.Groups["config"].Value : throw new InvalidOperationException("docs/security.md has no ```nginx block");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex("```nginx\\n(?<config>.*?)```", RegexOptions.Singleline)]
    private static partial Regex NginxBlock();
}
