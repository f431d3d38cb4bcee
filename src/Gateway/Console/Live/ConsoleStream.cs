using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using PrintFarm.Gateway.Live;

namespace PrintFarm.Gateway.Console.Live;

/// <summary>
/// One open console page's server-sent events: each event is a piece of the page, rendered by
/// the same components as the page itself, that console.js swaps in by its id. The stream ends
/// when the page goes away, the gateway stops, the person signs out or the sign-in expires; in
/// the last two cases it says so ("end"), and the page stops reconnecting.
/// </summary>
public static class ConsoleStream
{
    public static async Task<IResult> Serve(HttpContext http, Func<HtmlRenderer, CancellationToken, IAsyncEnumerable<string>> swaps)
    {
        var services = http.RequestServices;
        var (lease, refusal) = services.GetRequiredService<EventStreamGate>().TryOpen(http);
        if (refusal is not null) return refusal;
        using var held = lease;
        var clock = services.GetRequiredService<TimeProvider>();
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();

        // Ended from outside: by sign-out (ConsoleSessions) or when the sign-in runs out.
        using var signedOut = new CancellationTokenSource();
        var signIn = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        using var expiry = signIn.Properties?.ExpiresUtc is { } expires
            ? new CancellationTokenSource(Max(expires - clock.GetUtcNow(), TimeSpan.FromMilliseconds(1)), clock)
            : new CancellationTokenSource();
        using var ends = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping, signedOut.Token, expiry.Token);
        using var hold = http.User.FindFirstValue(ConsoleSessions.SessionClaim) is { } session
            ? services.GetRequiredService<ConsoleSessions>().Hold(session, signedOut)
            : null;

        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(ends.Token);
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        try
        {
            await SseFormatter.WriteAsync(Events(swaps(renderer, ends.Token), ends.Token), response.Body, ends.Token);
        }
        catch (OperationCanceledException)
        {
            // The page left, or the gateway stops: the stream simply ends; or see below.
        }
        if ((signedOut.IsCancellationRequested || expiry.IsCancellationRequested) && !http.RequestAborted.IsCancellationRequested)
        {
            try
            {
                await response.Body.WriteAsync("event: end\ndata: signed-out\n\n"u8.ToArray(), http.RequestAborted);
                await response.Body.FlushAsync(http.RequestAborted);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException) { }
        }
        return Results.Empty;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static async IAsyncEnumerable<SseItem<string>> Events(IAsyncEnumerable<string> swaps, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new SseItem<string>("open", "hello");
        await foreach (var html in swaps.WithCancellation(cancellationToken))
        {
            yield return new SseItem<string>(html, "swap");
        }
    }

    /// <summary>A component rendered to HTML, as the page renders it.</summary>
    public static Task<string> Render<TComponent>(HtmlRenderer renderer, IDictionary<string, object?> parameters) where TComponent : IComponent =>
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });

    /// <summary>Several renderings as one event: console.js swaps each top-level element by its id.</summary>
    public static string Join(IEnumerable<string> pieces)
    {
        var all = new StringBuilder();
        foreach (var piece in pieces) all.Append(piece).Append('\n');
        return all.ToString();
    }
}
