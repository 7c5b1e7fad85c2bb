-- ipsec-lint for Neovim 0.7+ (init.lua). Neovim 0.8+ may use vim.lsp.start instead.
vim.cmd([[autocmd BufRead,BufNewFile ipsec.conf,*.conf.d/*.conf,ipsec.d/*.conf set filetype=ipsec]])
vim.cmd([[autocmd BufRead,BufNewFile ipsec.secrets,*.secrets set filetype=ipsec]])

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'ipsec',
  callback = function(args)
    local client_id = vim.lsp.start_client({
      name = 'ipsec-lint',
      cmd = vim.g.ipsec_lint_cmd or { 'ipsec-language-server', '--stdio' },
      root_dir = vim.fn.getcwd(),
      -- The same settings as VS Code's ipsecLint.*; a .ipsec-lint.json in the project wins.
      init_options = { settings = { libreswanVersion = '5.2', fips = false } },
    })
    vim.lsp.buf_attach_client(args.buf, client_id)
  end,
})
