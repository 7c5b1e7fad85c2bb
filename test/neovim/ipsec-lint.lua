-- ipsec-lint for Neovim (init.lua): one language server per project, Neovim 0.7 and later.
vim.cmd([[
  augroup ipsec_lint_filetypes
    autocmd!
    autocmd BufRead,BufNewFile ipsec.conf,*/ipsec.d/*.conf,*/ipsec.conf.d/*.conf set filetype=ipsec
    autocmd BufRead,BufNewFile ipsec.secrets,*.secrets set filetype=ipsec
    autocmd BufRead,BufNewFile */ipsec.d/policies/{private,private-or-clear,clear,clear-or-private,block} set filetype=ipsec
  augroup END
]])

-- The project of a file: the folder with .ipsec-lint.json, else the git checkout, else the
-- folder of the nearest ipsec.conf (/etc for /etc/ipsec.d/x.conf), else the file's folder.
local function ipsec_lint_root(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local settings = vim.fn.findfile('.ipsec-lint.json', dir .. ';')
  if settings ~= '' then return vim.fn.fnamemodify(settings, ':p:h') end
  local git = vim.fn.finddir('.git', dir .. ';')
  if git ~= '' then return vim.fn.fnamemodify(git, ':p:h:h') end
  local conf = vim.fn.findfile('ipsec.conf', dir .. ';')
  if conf ~= '' then return vim.fn.fnamemodify(conf, ':p:h') end
  return dir
end

local ipsec_lint_clients = {} -- root folder -> client id, for Neovim 0.7 (no vim.lsp.start)

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'ipsec',
  callback = function(args)
    local root = ipsec_lint_root(vim.api.nvim_buf_get_name(args.buf))
    local config = {
      name = 'ipsec-lint',
      cmd = vim.g.ipsec_lint_cmd or { 'ipsec-language-server', '--stdio' },
      root_dir = root,
      -- The same settings as VS Code's ipsecLint.*; a .ipsec-lint.json in the project wins.
      init_options = { settings = { libreswanVersion = '5.2', fips = false } },
    }
    if vim.lsp.start then
      -- Neovim 0.8+: reuses the running client with the same name and root_dir.
      vim.lsp.start(config, { bufnr = args.buf })
    else
      local id = ipsec_lint_clients[root]
      if id == nil or vim.lsp.get_client_by_id(id) == nil then
        id = vim.lsp.start_client(config)
        ipsec_lint_clients[root] = id
      end
      vim.lsp.buf_attach_client(args.buf, id)
    end
  end,
})
