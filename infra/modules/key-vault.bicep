// The app's own secret (setting Security:Secret), kept outside the storage account: it encrypts the
// keys that protect web sessions, so read access to storage (or a backup) does not let anyone make a
// session. The app reads it through a Key Vault reference, as its user-assigned identity.

@description('Name of the key vault.')
param name string

@description('Azure region of the vault.')
param location string

@description('Tags for the vault.')
param tags object

@description('Name of the function app\'s user-assigned identity; known before deployment, so it names the role assignment.')
param appIdentityName string

@description('Principal id of that identity; it may read the secret, nothing else.')
param appPrincipalId string

@secure()
@description('The secret itself: azd generates it once per environment.')
param appSecret string

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Access through Entra ID roles only, no access policies.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // A deleted vault (and with it the secret that reads the session keys) can be recovered, never purged early.
    enablePurgeProtection: true
    // The Flex Consumption app reaches the vault over the internet (no virtual network); Entra ID guards it.
    publicNetworkAccess: 'Enabled'
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2026-02-01' = {
  parent: vault
  name: 'app-secret'
  properties: {
    value: appSecret
    contentType: 'Security:Secret of Benchmark.Functions'
  }
}

// Key Vault Secrets User (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles),
// on the one secret, not the vault: the app can read this secret and no other.
resource appSecretAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appIdentityName, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: secret
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name

// The app setting's value: the platform resolves it with the app's identity; the latest version is read.
output appSettingReference string = '@Microsoft.KeyVault(SecretUri=${secret.properties.secretUri})'
