using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PrintFarm.Gateway;
using PrintFarm.Gateway.Api;
using PrintFarm.Gateway.Live;
using PrintFarm.Gateway.Security;

namespace PrintFarm.Tests.Gateway;

[Trait("Category", "Unit")]
public sealed class GatewayLimitsTests
{
    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPrintFarmGateway();
        return builder.Build();
    }

    [Fact]
    public async Task Kestrel_takes_its_limits_from_the_gateway_settings()
    {
        await using var app = Build(new()
        {
            ["Gateway:Limits:MaxRequestBodyBytes"] = "10000",
            ["Gateway:Limits:RequestHeadersTimeout"] = "00:00:07",
            ["Gateway:Limits:MaxConcurrentConnections"] = "321",
            ["Gateway:Limits:MaxConcurrentUpgradedConnections"] = "12",
        });
        var limits = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        Assert.Equal(10000, limits.MaxRequestBodySize);
        Assert.Equal(TimeSpan.FromSeconds(7), limits.RequestHeadersTimeout);
        Assert.Equal(321, limits.MaxConcurrentConnections);
        Assert.Equal(12, limits.MaxConcurrentUpgradedConnections);
    }

    [Fact]
    public async Task Without_settings_kestrel_still_has_bounded_limits()
    {
        await using var app = Build([]);
        var limits = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        Assert.Equal(new GatewayLimits().MaxRequestBodyBytes, limits.MaxRequestBodySize);
        Assert.NotNull(limits.MaxConcurrentConnections);
        Assert.NotNull(limits.MaxConcurrentUpgradedConnections);
    }

    [Theory]
    [InlineData("Gateway:Limits:MaxRequestBodyBytes", "10")]
    [InlineData("Gateway:Limits:MaxEventStreams", "0")]
    [InlineData("Gateway:Limits:MaxEventStreamsPerClient", "0")]
    [InlineData("Gateway:Limits:RequestHeadersTimeout", "01:00:00")]
    [InlineData("Orders:Limits:MaxJobsPerOrder", "0")]
    public async Task A_limit_out_of_range_stops_the_gateway_naming_the_setting(string setting, string value)
    {
        // Refused when the gateway is built (Kestrel reads its limits then) or at the latest when it starts.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = Build(new() { [setting] = value });
            await app.StartAsync(TestContext.Current.CancellationToken);
        });
        Assert.Contains(setting, error.Message);
    }

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("Application/JSON; Charset=UTF-8", true)]
    [InlineData("application/json; charset=\"utf-8\"", true)]
    [InlineData("application/json; charset=latin1", false)]
    [InlineData("application/json; boundary=x", false)]
    [InlineData("application/problem+json", false)]
    [InlineData("text/json", false)]
    [InlineData("text/plain", false)]
    [InlineData("application/x-www-form-urlencoded", false)]
    [InlineData("multipart/form-data; boundary=x", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_exactly_json_is_json(string? contentType, bool json) =>
        Assert.Equal(json, JsonBody.IsJson(contentType));

    private static HttpContext From(string address) =>
        new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse(address) } };

    [Fact]
    public async Task Streams_over_the_total_are_refused_503_and_over_the_per_client_limit_429_with_retry_after()
    {
        using var gate = new EventStreamGate(Options.Create(new GatewayLimits { MaxEventStreams = 3, MaxEventStreamsPerClient = 2, StreamRetryAfterSeconds = 9 }), NullLogger<EventStreamGate>.Instance);
        var a1 = gate.TryOpen(From("10.0.0.1"));
        var a2 = gate.TryOpen(From("10.0.0.1"));
        Assert.NotNull(a1.Lease);
        Assert.NotNull(a2.Lease);

        var a3Context = From("10.0.0.1");
        var a3 = gate.TryOpen(a3Context);
        Assert.Null(a3.Lease);
        Assert.Equal(429, await StatusOf(a3.Refusal!, a3Context));
        Assert.Equal("9", a3Context.Response.Headers.RetryAfter.ToString());

        var b1 = gate.TryOpen(From("10.0.0.2"));
        Assert.NotNull(b1.Lease);
        var b2Context = From("10.0.0.2");
        var b2 = gate.TryOpen(b2Context);
        Assert.Null(b2.Lease);
        Assert.Equal(503, await StatusOf(b2.Refusal!, b2Context));
        Assert.Equal("9", b2Context.Response.Headers.RetryAfter.ToString());

        // A closed stream gives its place back, to whoever asks next.
        a1.Lease!.Dispose();
        var b3 = gate.TryOpen(From("10.0.0.2"));
        Assert.NotNull(b3.Lease);
        a2.Lease!.Dispose();
        b1.Lease!.Dispose();
        b3.Lease!.Dispose();
    }

    private static async Task<int> StatusOf(IResult result, HttpContext context)
    {
        context.RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        return context.Response.StatusCode;
    }

    [Theory]
    [InlineData("https", true)]
    [InlineData("http", false)]
    public async Task Hsts_is_sent_where_tls_ends_at_the_gateway(string scheme, bool sent)
    {
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var pipeline = new ApplicationBuilder(services);
        pipeline.UseSecurityHeaders(GatewaySecurity.Headers(new SecurityHeadersOptions { HstsMaxAge = TimeSpan.FromDays(10) }));
        var response = new StartingResponse();
        pipeline.Run(_ => response.Start());
        var context = new DefaultHttpContext { RequestServices = services };
        context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(response);
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString("farm.example");
        context.Request.Path = "/api/farm";
        await pipeline.Build()(context);
        Assert.Equal(sent, context.Response.Headers.StrictTransportSecurity.ToString() == "max-age=864000");
        Assert.Equal("nosniff", context.Response.Headers.XContentTypeOptions.ToString());
    }
}
