using PrintFarm.Accounts;

namespace PrintFarm.Tests.Access;

/// <summary>The account and key rules as plain classes, without a cluster.</summary>
[Trait("Category", "Unit")]
public sealed class AccountRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly AccountOptions Options = new() { MaxFailedSignIns = 3, Lockout = TimeSpan.FromMinutes(5) };

    [Theory]
    [InlineData(AccountRole.Admin, AccountRole.Admin, true)]
    [InlineData(AccountRole.Admin, AccountRole.Customer, true)]
    [InlineData(AccountRole.Operator, AccountRole.Viewer, true)]
    [InlineData(AccountRole.Operator, AccountRole.Admin, false)]
    [InlineData(AccountRole.Viewer, AccountRole.Operator, false)]
    [InlineData(AccountRole.Customer, AccountRole.Customer, true)]
    [InlineData(AccountRole.Customer, AccountRole.Viewer, false)]
    public void A_key_does_no_more_than_its_account(AccountRole account, AccountRole key, bool allowed) =>
        Assert.Equal(allowed, KeyRoles.Allows(account, key));

    [Fact]
    public void A_token_carries_a_visible_prefix_and_its_id_and_only_its_hash_is_kept()
    {
        var token = ApiKeyToken.New(out var id);
        Assert.StartsWith($"pf_{id}_", token);
        Assert.True(ApiKeyToken.TryParse(token, out var parsed));
        Assert.Equal(id, parsed);
        Assert.Equal(64, ApiKeyToken.Hash(token).Length);
        Assert.DoesNotContain(token[^ApiKeyToken.SecretLength..], ApiKeyToken.Display(id));
        Assert.False(ApiKeyToken.TryParse("pf_short_secret", out _));
        Assert.False(ApiKeyToken.TryParse(token.Replace("pf_", "sk_"), out _));
    }

    [Fact]
    public void A_key_answers_only_for_its_own_hash_while_neither_revoked_nor_expired_and_records_its_use()
    {
        var token = ApiKeyToken.New(out var id);
        var key = new ApiKey(ApiKey.Issue(id, new ApiKeyIssue { Account = "shop@example.com", Role = AccountRole.Operator, Hash = ApiKeyToken.Hash(token), Printers = ["p1"], ExpiresAt = Now.AddDays(1) }, Now));

        Assert.Null(key.Authenticate(ApiKeyToken.Hash(ApiKeyToken.New(out _)), Now));
        Assert.Null(key.State.LastUsedAt);
        var caller = key.Authenticate(ApiKeyToken.Hash(token), Now.AddMinutes(1));
        Assert.Equal(("shop@example.com", AccountRole.Operator, id), (caller?.Account, caller?.Role, caller?.KeyId));
        Assert.Equal(["p1"], caller!.Printers!);
        Assert.Equal(Now.AddMinutes(1), key.State.LastUsedAt);

        Assert.Null(key.Authenticate(ApiKeyToken.Hash(token), Now.AddDays(1)));
        key.Revoke(Now.AddHours(1));
        key.Revoke(Now.AddHours(2));
        Assert.Equal(Now.AddHours(1), key.State.RevokedAt);
        Assert.Null(key.Authenticate(ApiKeyToken.Hash(token), Now.AddHours(3)));
    }

    [Fact]
    public void A_password_is_stored_as_a_hash_and_wrong_ones_lock_the_account_for_a_while()
    {
        var account = new Account(Account.Create(new AccountSpec { Login = " Alice@Example.com ", Role = AccountRole.Customer, Password = "correct horse battery" }, Now, Options));
        Assert.Equal("alice@example.com", account.State.Login);
        Assert.DoesNotContain("correct horse", account.State.PasswordHash);
        Assert.Throws<InvalidAccountException>(() => account.SetPassword("short", Options));

        Assert.Equal("alice@example.com", account.SignIn("correct horse battery", Now, Options).Caller?.Account);
        Assert.Null(account.SignIn("wrong", Now, Options).Caller);
        Assert.Null(account.SignIn("wrong", Now, Options).LockedUntil);
        var locked = account.SignIn("wrong", Now, Options);
        Assert.Equal(Now + Options.Lockout, locked.LockedUntil);
        // Locked, the right password does not help; after the lockout it does.
        Assert.Null(account.SignIn("correct horse battery", Now.AddMinutes(1), Options).Caller);
        Assert.NotNull(account.SignIn("correct horse battery", Now.AddMinutes(6), Options).Caller);
    }
}
