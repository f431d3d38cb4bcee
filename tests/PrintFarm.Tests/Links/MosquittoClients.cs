using System.Diagnostics;

namespace PrintFarm.Tests.Links;

/// <summary>mosquitto's own command-line clients: an outside program publishing as a printer would.</summary>
internal static class MosquittoClients
{
    /// <summary>Publishes once (<c>-m</c>, or <c>-f</c> for a file) and fails the test if mosquitto_pub does.</summary>
    public static async Task Publish(int port, string topic, string? message, bool retain = false, string? file = null, string? user = null, string? password = null)
    {
        List<string> args = ["-h", "127.0.0.1", "-p", port.ToString(), "-i", $"pub-{Guid.NewGuid():N}"[..20], "-q", "1", "-t", topic];
        if (file is not null) args.AddRange(["-f", file]);
        else args.AddRange(["-m", message ?? ""]);
        if (retain) args.Add("-r");
        if (user is not null) args.AddRange(["-u", user, "-P", password ?? ""]);
        await Run("/usr/bin/mosquitto_pub", args);
    }

    /// <summary>Publishes as a printer, with its login (on the farm's mosquitto the client id becomes the username).</summary>
    public static Task Publish(int port, (string User, string Password) login, string topic, string? message, bool retain = false, string? file = null) =>
        Publish(port, topic, message, retain, file, login.User, login.Password);

    /// <summary>Waits until the silo has written <paramref name="login"/> and <paramref name="aclLine"/> into the broker's printer files (it reloads mosquitto right after).</summary>
    public static Task WaitForLogin(PrintFarm.Harness.PrivateMosquitto broker, (string User, string Password) login, string aclLine) =>
        Eventually.Get(() => Task.FromResult(File.Exists(broker.PasswordFile) && File.Exists(broker.AclFile)
                && File.ReadAllText(broker.PasswordFile).Contains(login.User + ":$7$") && File.ReadAllText(broker.AclFile).Contains(aclLine)),
            ok => ok, TimeSpan.FromSeconds(60), $"{login.User} in mosquitto's printer files");

    public static async Task Run(string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
    }
}
