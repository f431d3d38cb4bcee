using Microsoft.Playwright;

namespace PrintFarm.Tests.Browser;

/// <summary>
/// Playwright drives Debian's chromium (apt-get install chromium; ./farm test installs it when
/// root). Playwright's own browser download is never used: this machine reaches no browser CDN.
/// </summary>
internal static class DebianChromium
{
    public const string Path = "/usr/bin/chromium";

    public static async Task<IBrowser> Launch(IPlaywright playwright)
    {
        if (!File.Exists(Path))
            throw new InvalidOperationException($"Browser tests need Debian's chromium at {Path}: run 'apt-get update && apt-get install -y chromium' as root (./farm test does it).");
        return await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Path,
            Headless = true,
            // No sandbox: tests run as root in a container. The rest keeps chromium off the network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }
}
