using Microsoft.AspNetCore.Identity;

namespace PrintFarm.Accounts;

/// <summary>
/// An account's rules: its password (hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>:
/// PBKDF2 with a salt and a version mark, so old hashes are upgraded on sign-in) and the lockout
/// after too many wrong passwords, which limits guessing per account wherever it comes from.
/// </summary>
public sealed class Account(AccountState state)
{
    private static readonly PasswordHasher<AccountState> Hasher = new();

    public AccountState State => state;
    public bool Exists => state.Login.Length > 0;

    public static AccountState Create(AccountSpec spec, DateTimeOffset now, AccountOptions options)
    {
        var login = AccountNames.Normalize(spec.Login);
        if (!AccountNames.IsWellFormed(login)) throw new InvalidAccountException($"The login must be {AccountNames.MinLength} to {AccountNames.MaxLength} of a-z, 0-9 and . _ @ + -.");
        var state = new AccountState { Login = login, Role = spec.Role, Name = spec.Name?.Trim(), CreatedAt = now, Address = spec.Address, Email = spec.Email?.Trim() };
        if (spec.Password is { } password) new Account(state).SetPassword(password, options);
        return state;
    }

    /// <summary>The same account again (a seed file applied twice); a different role is a different account.</summary>
    public bool IsSameAs(AccountSpec spec) => state.Role == spec.Role;

    public void SetPassword(string password, AccountOptions options)
    {
        if (password.Length < options.MinPasswordLength) throw new InvalidAccountException($"The password must have at least {options.MinPasswordLength} characters.");
        state.PasswordHash = Hasher.HashPassword(state, password);
        state.FailedSignIns = 0;
        state.LockedUntil = null;
    }

    /// <summary>True while wrong passwords have locked the account.</summary>
    public bool IsLocked(DateTimeOffset now) => state.LockedUntil is { } until && until > now;

    /// <summary>
    /// Checks a password. A locked account is refused without looking at the password, so
    /// guessing on does not help; the hash is upgraded when Identity asks for it.
    /// </summary>
    public SignInOutcome SignIn(string password, DateTimeOffset now, AccountOptions options)
    {
        if (IsLocked(now)) return new SignInOutcome { LockedUntil = state.LockedUntil };
        if (state.PasswordHash is null) return SignInOutcome.Refused;
        var result = Hasher.VerifyHashedPassword(state, state.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            state.FailedSignIns++;
            if (state.FailedSignIns < options.MaxFailedSignIns) return SignInOutcome.Refused;
            state.FailedSignIns = 0;
            state.LockedUntil = now + options.Lockout;
            return new SignInOutcome { LockedUntil = state.LockedUntil };
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded) state.PasswordHash = Hasher.HashPassword(state, password);
        state.FailedSignIns = 0;
        state.LockedUntil = null;
        return new SignInOutcome { Caller = new Caller { Account = state.Login, Role = state.Role, Name = state.Name } };
    }

    public void KeyIssued(string keyId)
    {
        if (!state.Keys.Contains(keyId)) state.Keys.Add(keyId);
    }

    public AccountView View() => new()
    {
        Login = state.Login,
        Role = state.Role,
        Name = state.Name,
        CreatedAt = state.CreatedAt,
        HasPassword = state.PasswordHash is not null,
        Keys = [.. state.Keys],
        Address = state.Address,
        Email = state.Email ?? (state.Login.Contains('@') ? state.Login : null),
    };
}
