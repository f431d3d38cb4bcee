namespace PrintFarm.Accounts;

/// <summary>The login is taken (409).</summary>
[GenerateSerializer, Alias("PrintFarm.AccountExistsException")]
public sealed class AccountExistsException(string login) : Exception($"There is already an account '{login}'.")
{
    [Id(0)] public string Login { get; } = login;
}
