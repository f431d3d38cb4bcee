using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using PrintFarm.Accounts;
using PrintFarm.Gateway.Access;

namespace PrintFarm.Gateway.Api;

/// <summary>Admins manage accounts and keys: <c>/api/accounts</c> and <c>/api/keys</c>. A new key is shown once.</summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api").WithTags("Accounts").RequireAuthorization(AccessPolicies.Admin);
        accounts.MapGet("/accounts", List).WithSummary("Admin: every account with its role and keys");
        accounts.MapPost("/accounts", Create).WithSummary("Admin: add an account {login, role, name, password}")
            .Accepts<AccountRequest>("application/json").Produces<AccountView>(StatusCodes.Status201Created);
        accounts.MapGet("/accounts/{login}", Get).WithSummary("Admin: one account");
        accounts.MapGet("/accounts/{login}/keys", Keys).WithSummary("Admin: an account's keys (prefix, role, expiry, last use, revocation; never the secret)");
        accounts.MapPost("/accounts/{login}/keys", CreateKey).WithSummary("Admin: a new key {name, role, printers, expiresAt}; the key is in the answer once")
            .Accepts<KeyRequest>("application/json").Produces<NewKey>(StatusCodes.Status201Created);
        accounts.MapDelete("/keys/{keyId}", Revoke).WithSummary("Admin: revoke a key (by its id, or the whole key); it stops working on every gateway at once");
        return app;
    }

    private static async Task<Ok<List<AccountView>>> List(IClusterClient cluster)
    {
        var logins = await cluster.GetGrain<IAccountsGrain>(IAccountsGrain.Key).Logins();
        var views = await Task.WhenAll(logins.Select(l => cluster.GetGrain<IAccountGrain>(l).View()));
        return TypedResults.Ok(views.OfType<AccountView>().ToList());
    }

    private static async Task<IResult> Create(HttpRequest request, IClusterClient cluster, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.Read<AccountRequest>(request, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null) return problem;
        var login = body!.Login is null ? null : AccountNames.Normalize(body.Login);
        var errors = new Dictionary<string, string[]>();
        if (!AccountNames.IsWellFormed(login)) errors["login"] = [$"The login must be {AccountNames.MinLength} to {AccountNames.MaxLength} of a-z, 0-9 and . _ @ + - (an email address fits)."];
        if (body.Role is null) errors["role"] = [$"The role is required: one of {string.Join(", ", Enum.GetNames<AccountRole>())}."];
        if (body.Name is { Length: > 200 }) errors["name"] = ["The name must be at most 200 characters."];
        if (body.Email is { } email && !PrintFarm.Orders.OrderRequestValidator.IsEmailAddress(email)) errors["email"] = ["That is not an email address."];
        if (body.Address is { } address)
            foreach (var (field, messages) in PrintFarm.Orders.OrderRequestValidator.ValidateAddress(address, "address")) errors[field] = messages;
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The account is not valid");
        var view = await cluster.GetGrain<IAccountGrain>(login!).Create(new AccountSpec
        {
            Login = login!, Role = body.Role!.Value, Name = body.Name, Password = body.Password, Address = body.Address, Email = body.Email?.Trim(),
        });
        return TypedResults.Created($"/api/accounts/{view.Login}", view);
    }

    private static async Task<IResult> Get(string login, IClusterClient cluster) =>
        await Find(login, cluster) is { } view ? TypedResults.Ok(view) : NoSuchAccount(login);

    private static async Task<IResult> Keys(string login, IClusterClient cluster)
    {
        if (await Find(login, cluster) is not { } account) return NoSuchAccount(login);
        var keys = await Task.WhenAll(account.Keys.Select(id => cluster.GetGrain<IApiKeyGrain>(id).View()));
        return TypedResults.Ok(keys.OfType<ApiKeyView>().OrderByDescending(k => k.CreatedAt).ToList());
    }

    private static async Task<IResult> CreateKey(string login, HttpRequest request, IClusterClient cluster, TimeProvider clock, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (await Find(login, cluster) is not { } account) return NoSuchAccount(login);
        var body = new KeyRequest(null, null, null, null);
        if (request.ContentLength is not 0 || request.ContentType is not null)
        {
            (var read, var problem) = await JsonBody.Read<KeyRequest>(request, json.Value.SerializerOptions, cancellationToken);
            if (problem is not null) return problem;
            body = read!;
        }
        var role = body.Role ?? account.Role;
        var errors = new Dictionary<string, string[]>();
        if (!KeyRoles.Allows(account.Role, role))
            errors["role"] = [$"A key cannot do more than its account: {account.Login} is a {account.Role.ToString().ToLowerInvariant()}."];
        if (body.Printers is { Count: > 0 } && role != AccountRole.Operator) errors["printers"] = ["Only an operator key can be limited to printers."];
        if (body.Printers is { Count: > 1000 }) errors["printers"] = ["At most 1000 printers."];
        if (body.ExpiresAt is { } expires && expires <= clock.GetUtcNow()) errors["expiresAt"] = ["The expiry must be in the future."];
        if (body.Name is { Length: > 200 }) errors["name"] = ["The name must be at most 200 characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The key is not valid");
        var (token, view) = await Issue(cluster, new KeyFor(account.Login, role, body.Name, body.Printers, body.ExpiresAt));
        return TypedResults.Created($"/api/accounts/{account.Login}/keys", new NewKey(token, view));
    }

    private static async Task<IResult> Revoke(string keyId, IClusterClient cluster)
    {
        var id = ApiKeyToken.TryParse(keyId, out var fromToken) ? fromToken : keyId;
        if (!ApiKeyToken.IsWellFormedId(id) || await cluster.GetGrain<IApiKeyGrain>(id).Revoke() is not { } view)
            return TypedResults.Problem(statusCode: 404, title: "No such key", detail: "There is no key with that id.");
        return TypedResults.Ok(view);
    }

    /// <summary>Makes a key: the token goes back to the caller once; the farm keeps its hash.</summary>
    public static async Task<(string Token, ApiKeyView View)> Issue(IClusterClient cluster, KeyFor key)
    {
        var token = ApiKeyToken.New(out var id);
        var view = await cluster.GetGrain<IApiKeyGrain>(id).Issue(new ApiKeyIssue
        {
            Account = key.Account, Role = key.Role, Hash = ApiKeyToken.Hash(token), Name = key.Name, Printers = key.Printers, ExpiresAt = key.ExpiresAt,
        });
        return (token, view);
    }

    private static async Task<AccountView?> Find(string login, IClusterClient cluster)
    {
        var normalized = AccountNames.Normalize(login);
        return AccountNames.IsWellFormed(normalized) ? await cluster.GetGrain<IAccountGrain>(normalized).View() : null;
    }

    private static ProblemHttpResult NoSuchAccount(string login) =>
        TypedResults.Problem(statusCode: 404, title: "No such account", detail: $"There is no account '{AccountNames.Normalize(login)}'.");
}
